"""Score the geotag stage's focus countries on Reuters-21578 (../shared/data/reuters21578).

Each story is read the way the wire printed it: the dateline opens the body ("LONDON, March 3 -").
Prints micro precision, recall and F1 of focus countries against the gold ``countries``, the most
frequent errors, and throughput in words per second.

    .venv/bin/python bench/eval_countries.py [--limit N] [--errors 15]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from worldbrief.enrich.geotag import CountryTagger

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "reuters21578" / "dev.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="score only the first N stories")
    parser.add_argument("--errors", type=int, default=15, help="how many top errors to list")
    args = parser.parse_args()
    if not DATA.exists():
        raise SystemExit(f"{DATA}: evaluation data not found")
    stories = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    if args.limit:
        stories = stories[: args.limit]

    started = time.perf_counter()
    tagger = CountryTagger()
    built = time.perf_counter() - started
    texts = [(s["title"], _body(s)) for s in stories]
    tagger.tag_text(texts[0][1], texts[0][0])  # warm up before timing
    words = sum(len(title.split()) + len(body.split()) for title, body in texts)

    started = time.perf_counter()
    predicted = [
        {m.code for m in tagger.tag_text(body, title)[0] if m.focus} for title, body in texts
    ]
    elapsed = time.perf_counter() - started

    true_pos = false_pos = false_neg = 0
    missed: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    for story, guess in zip(stories, predicted, strict=True):
        gold = set(story["countries"])
        true_pos += len(gold & guess)
        false_pos += len(guess - gold)
        false_neg += len(gold - guess)
        missed.update(gold - guess)
        extra.update(guess - gold)
    precision = true_pos / max(1, true_pos + false_pos)
    recall = true_pos / max(1, true_pos + false_neg)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    print(f"stories {len(stories)}, words {words}, tagger built in {built:.2f} s")
    print(f"focus countries: precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print(f"throughput: {words / elapsed:,.0f} words/s ({len(stories) / elapsed:,.0f} stories/s)")
    print("most missed:", ", ".join(f"{c} {n}" for c, n in missed.most_common(args.errors)))
    print("most extra: ", ", ".join(f"{c} {n}" for c, n in extra.most_common(args.errors)))


def _body(story: dict[str, str]) -> str:
    dateline = (story.get("dateline") or "").strip()
    return f"{dateline} {story['body']}" if dateline else story["body"]


if __name__ == "__main__":
    main()
