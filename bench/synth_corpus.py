"""A synthetic corpus of any size, built from the Reuters-21578 dev sentences, as JSON Lines.

    .venv/bin/python bench/synth_corpus.py 100000 > /tmp/synth-100k.jsonl
    .venv/bin/python bench/synth_corpus.py 1000000 --out /tmp/synth-1m.jsonl

Each article takes the title and about 40% of its text from one Reuters story (so its places and
focus are real), fills up to about 240 words with sentences of two other stories, and is dated
uniformly over the ten years before ``--end``. Types, access (a third members-only), authors and
sources vary. The output is deterministic for a given size and seed: record ``i`` is always the
same, so a 100k corpus is the first 100k records of the 1M one.

By default the records come in that random date order, the hardest for the store: every index
led by a date takes its rows all over its range. ``--chronological`` writes the same records
oldest first, as a stream of feeds or an archive delivers them (ties keep their index order);
its first 100k records are then the ten years' oldest, not the 100k corpus.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO

REUTERS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "reuters21578"
DEV_FILE = REUTERS / "dev.jsonl"
TARGET_WORDS = 240
SEED_SHARE = 0.4
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")
TYPES = [
    ("news", 50),
    ("analysis", 15),
    ("dispatch", 10),
    ("assessment", 8),
    ("situation-report", 8),
    ("forecast", 5),
    ("column", 4),
]
AUTHORS = [
    ("Amina Bekova", "Eurasia Analyst"),
    ("Daniel Okafor", "Africa Analyst"),
    ("Lucía Ferreira", "Americas Analyst"),
    ("Hiroshi Tanaka", "East Asia Analyst"),
    ("Sarah Lindqvist", "Europe Analyst"),
    ("Omar Haddad", "Middle East Analyst"),
    ("Priya Raman", "South Asia Analyst"),
    ("Wire desk", None),
]
SOURCES = ["Synthetic Wire", "Desk Reports", "Field Notes", "Market Monitor"]


@dataclass(frozen=True, slots=True)
class Story:
    title: str
    sentences: tuple[str, ...]


def load_stories(path: Path = DEV_FILE) -> list[Story]:
    stories = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            text = " ".join(record["body"].split())
            sentences = tuple(s for s in _SENTENCE_END.split(text) if len(s.split()) >= 4)
            if sentences and record.get("title"):
                stories.append(Story(" ".join(record["title"].split()), sentences))
    return stories


def _take_words(rng: random.Random, sentences: tuple[str, ...], words: int) -> list[str]:
    """Consecutive sentences from a random starting point until ``words`` are reached."""
    start = rng.randrange(len(sentences))
    chosen: list[str] = []
    count = 0
    for offset in range(len(sentences)):
        sentence = sentences[(start + offset) % len(sentences)]
        chosen.append(sentence)
        count += len(sentence.split())
        if count >= words:
            break
    return chosen


def article(index: int, stories: list[Story], seed: int, end: datetime) -> dict[str, object]:
    rng = random.Random(f"{seed}:{index}")
    main = stories[rng.randrange(len(stories))]
    paragraphs = [" ".join(_take_words(rng, main.sentences, int(TARGET_WORDS * SEED_SHARE)))]
    for _ in range(2):
        other = stories[rng.randrange(len(stories))]
        share = int(TARGET_WORDS * (1 - SEED_SHARE) / 2)
        paragraphs.append(" ".join(_take_words(rng, other.sentences, share)))
    published = end - timedelta(seconds=rng.randrange(10 * 365 * 24 * 3600))
    kind = rng.choices([t for t, _ in TYPES], weights=[w for _, w in TYPES])[0]
    name, role = AUTHORS[rng.randrange(len(AUTHORS))]
    return {
        "id": f"synth-{index}",
        "source": SOURCES[index % len(SOURCES)],
        "title": f"{main.title} ({index})",
        "body": "\n\n".join(paragraphs),
        "published_at": published.isoformat(timespec="seconds"),
        "type": kind,
        "access": "members" if rng.random() < 1 / 3 else "free",
        "authors": [{"name": name, "role": role}] if role else [name],
    }


def generate(
    size: int, *, seed: int = 7, end: datetime | None = None, start: int = 0
) -> Iterator[dict[str, object]]:
    stories = load_stories()
    end = end or datetime(2026, 11, 30, tzinfo=UTC)
    for index in range(start, start + size):
        yield article(index, stories, seed, end)


def write(records: Iterator[dict[str, object]], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n")
        count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", type=int, help="number of articles")
    parser.add_argument("--out", type=Path, help="output file (default: standard output)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--start", type=int, default=0, help="index of the first record")
    parser.add_argument(
        "--chronological", action="store_true", help="write the records oldest first"
    )
    args = parser.parse_args()
    if not DEV_FILE.exists():
        sys.exit(f"missing {DEV_FILE}")
    records = generate(args.size, seed=args.seed, start=args.start)
    if args.chronological:
        # ISO dates of one offset sort as their text; sorted() is stable, so ties keep order.
        records = iter(sorted(records, key=lambda record: str(record["published_at"])))
    if args.out is None:
        written = write(records, sys.stdout)
    else:
        with args.out.open("w", encoding="utf-8") as out:
            written = write(records, out)
    print(f"wrote {written:,} articles", file=sys.stderr)


if __name__ == "__main__":
    main()
