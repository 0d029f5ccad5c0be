"""Language identification cost per article, and its answers, over the demo corpus.

    .venv/bin/python bench/language_speed.py [--repeat 20]

Times ``detect_language`` on each demo article's plain text (as the enrichment stage calls it),
after one warm-up call that loads the model, and prints the median and p95 per article.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter

from worldbrief.domain import BodyFormat
from worldbrief.enrich.language import detect_language
from worldbrief.services.demo import demo_articles_dir
from worldbrief.text.markup import body_to_text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    texts = [
        body_to_text(path.read_text(encoding="utf-8"), BodyFormat.MARKDOWN)
        for path in sorted(demo_articles_dir().glob("*.md"))
    ]
    started = time.perf_counter()
    detect_language("A first call loads the model once per process.")
    print(f"first call (loads the model): {1000 * (time.perf_counter() - started):.0f} ms")
    timings = []
    for _ in range(args.repeat):
        for text in texts:
            started = time.perf_counter()
            detect_language(text)
            timings.append(1000 * (time.perf_counter() - started))
    timings.sort()
    print(f"articles: {len(texts)} x {args.repeat}")
    print(f"per article: median {statistics.median(timings):.2f} ms, ")
    print(f"             p95 {timings[int(0.95 * len(timings))]:.2f} ms")
    print("answers:", dict(Counter(detect_language(t) for t in texts)))


if __name__ == "__main__":
    main()
