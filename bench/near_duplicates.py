"""Near-duplicate keys: cost per article, and what they find in the Reuters dev file.

Run: .venv/bin/python bench/near_duplicates.py [--sample 8] [--threshold 0.8]
Prints microseconds per article for Reuters-length and 1,000-word texts, the near-duplicate
pairs found among the Reuters articles (candidates sharing a key, then verified as ingest does:
``resemblance`` and agreement of numbers), samples to eyeball, and how often synthetic wire copies
are found.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from itertools import combinations, pairwise
from pathlib import Path

from worldbrief.enrich.fingerprint import (
    near_duplicate_keys,
    number_agreement,
    number_tokens,
    set_resemblance,
    shingle_hashes,
)

REUTERS = (
    Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "reuters21578" / "dev.jsonl"
)
EDITS: dict[str, Callable[[str], str]] = {
    "sign-off added": lambda t: t + " (Reporting by staff; Editing by the desk.)",
    "byline added": lambda t: "By a staff correspondent. " + t,
    "sentence added": lambda t: t + " The company did not comment further on the matter today.",
    "last sentence cut": lambda t: t.rsplit(".", 2)[0] + "." if t.count(".") > 2 else t,
}


def load() -> list[dict[str, str]]:
    with REUTERS.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def per_article_us(texts: Sequence[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        near_duplicate_keys(text)
    return (time.perf_counter() - started) / len(texts) * 1e6


def thousand_word_texts(bodies: Sequence[str], count: int) -> list[str]:
    words = " ".join(bodies).split()
    return [" ".join(words[i * 1000 : (i + 1) * 1000]) for i in range(count)]


def report_speed(bodies: list[str]) -> None:
    words = [len(b.split()) for b in bodies]
    print(f"Reuters bodies: {len(bodies):,}, median {statistics.median(words):.0f} words")
    print(f"  keys, Reuters-length: {per_article_us(bodies):8.0f} us/article")
    long_texts = thousand_word_texts(bodies, 300)
    print(f"  keys, 1,000 words:    {per_article_us(long_texts):8.0f} us/article")
    pairs = list(pairwise(bodies[:2001]))
    started = time.perf_counter()
    for a, b in pairs:
        set_resemblance(shingle_hashes(a), shingle_hashes(b))
    spent = (time.perf_counter() - started) / len(pairs) * 1e6
    print(f"  resemblance of two Reuters texts: {spent:.0f} us")


def report_pairs(rows: list[dict[str, str]], threshold: float, sample: int) -> None:
    bodies = [r["body"] for r in rows]
    by_key: defaultdict[int, list[int]] = defaultdict(list)
    for i, body in enumerate(bodies):
        for key in near_duplicate_keys(body):
            by_key[key].append(i)
    candidates = {pair for ids in by_key.values() for pair in combinations(ids, 2)}
    shingles = [shingle_hashes(b) for b in bodies]
    numbers = [number_tokens(b) for b in bodies]
    scored = sorted(
        ((set_resemblance(shingles[i], shingles[j]), i, j) for i, j in candidates), reverse=True
    )
    similar = [s for s in scored if s[0] >= threshold]
    verified = [s for s in similar if number_agreement(numbers[s[1]], numbers[s[2]]) >= threshold]
    templated = [s for s in similar if s not in verified]
    identical = sum(1 for _, i, j in verified if _words(bodies[i]) == _words(bodies[j]))
    print(f"\nPairs among {len(rows):,} Reuters articles (threshold {threshold}):")
    print(f"  candidate pairs sharing a key: {len(candidates):,}")
    print(f"  resemblance >= threshold:      {len(similar):,}")
    print(f"  ... whose numbers disagree:    {len(templated):,} (not linked)")
    print(f"  verified near-duplicates:      {len(verified):,} ({identical:,} identical bodies)")
    print(f"  articles in verified pairs:    {len({x for _, i, j in verified for x in (i, j)}):,}")
    bands = [(0.95, 1.01), (0.8, 0.95), (0.5, 0.8), (0.0, 0.5)]
    counts = ", ".join(
        f"[{lo}, {min(hi, 1.0)}{']' if hi > 1 else ')'}: {sum(lo <= s < hi for s, _, _ in scored)}"
        for lo, hi in bands
    )
    print(f"  resemblance of candidates: {counts}")
    edited = [v for v in verified if _words(bodies[v[1]]) != _words(bodies[v[2]])]
    rng = random.Random(1)
    borderline = [s for s in scored if threshold - 0.15 <= s[0] < threshold]
    groups = (
        ("verified, not identical", edited),
        ("similar words, numbers disagree", templated),
        ("just below threshold", borderline),
    )
    for label, group in groups:
        print(f"\n  sample: {label}")
        for score, i, j in sorted(rng.sample(group, min(sample, len(group))), reverse=True):
            _show(score, rows[i], rows[j])


def report_recall(rows: list[dict[str, str]], threshold: float) -> None:
    rng = random.Random(7)
    usable = [r["body"] for r in rows if near_duplicate_keys(r["body"])]
    chosen = rng.sample(usable, min(2000, len(usable)))
    print(f"\nSynthetic wire copies of {len(chosen):,} Reuters articles (found = shares a key):")
    for label, edit in EDITS.items():
        found = confirmed = 0
        for body in chosen:
            copy = edit(body)
            if set(near_duplicate_keys(body)) & set(near_duplicate_keys(copy)):
                found += 1
                confirmed += (
                    set_resemblance(shingle_hashes(body), shingle_hashes(copy)) >= threshold
                    and number_agreement(number_tokens(body), number_tokens(copy)) >= threshold
                )
        share = 100 / len(chosen)
        print(f"  {label:<18} found {found * share:5.1f}%   verified {confirmed * share:5.1f}%")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _show(score: float, a: dict[str, str], b: dict[str, str]) -> None:
    only_a = sorted(set(_words(a["body"])) - set(_words(b["body"])))[:12]
    only_b = sorted(set(_words(b["body"])) - set(_words(a["body"])))[:12]
    print(f"    {score:.3f}  {a['id']} {a['title'][:40]!r} / {b['id']} {b['title'][:40]!r}")
    print(f"           {len(a['body'].split())} vs {len(b['body'].split())} words; "
          f"only in first: {only_a}; only in second: {only_b}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=8, help="pairs to show per group")
    parser.add_argument("--threshold", type=float, default=0.8)
    args = parser.parse_args()
    if not REUTERS.exists():
        sys.exit(f"missing {REUTERS}")
    rows = load()
    report_speed([r["body"] for r in rows])
    report_pairs(rows, args.threshold, args.sample)
    report_recall(rows, args.threshold)


if __name__ == "__main__":
    main()
