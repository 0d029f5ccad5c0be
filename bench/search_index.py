"""Search index benchmark: build an index of N synthetic articles and time typical queries.

Usage: .venv/bin/python bench/search_index.py [N=20000] [--keep DIR]
Prints build time and p50/p95 latency (ms) of each query shape, measured through
``SearchIndex.search`` of the default backend (Tantivy): parsing, hits with snippets, facets,
as the site calls it.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from worldbrief.domain import (
    Article,
    ArticleType,
    Author,
    BodyFormat,
    CountryMention,
    Enrichment,
    RegionMention,
)
from worldbrief.search.backends import open_search_index
from worldbrief.search.query import Facet, SearchQuery, SortOrder

REGIONS = {
    "central-asia": ["KZ", "UZ", "KG", "TJ", "TM"],
    "caucasus": ["GE", "AM", "AZ"],
    "middle-east": ["TR", "IR", "IQ", "SY", "LB", "JO", "IL", "SA", "AE"],
    "eastern-europe": ["UA", "RU", "BY", "MD", "PL", "RO"],
    "east-asia": ["CN", "JP", "KR", "KP", "MN", "TW"],
    "south-asia": ["IN", "PK", "AF", "BD", "LK", "NP"],
}
COUNTRY_REGION = {code: region for region, codes in REGIONS.items() for code in codes}
AUTHORS = [
    f"{first} {last}"
    for first in ("Dana", "Omar", "Li", "Ana", "Ivan")
    for last in ("Whitfield", "Haddad", "Wei", "Sousa", "Petrov", "Kim")
]
RUNS = 200


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    syllables = ["ka", "zan", "mir", "to", "sel", "ur", "ban", "dro", "vel", "ist", "po", "lan"]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def synthetic_articles(count: int, seed: int = 7) -> tuple[list[Article], list[str]]:
    rng = random.Random(seed)
    words = vocabulary(rng)
    weights = [1 / (rank + 1) for rank in range(len(words))]  # Zipf-like, as in real text
    start = datetime(2015, 1, 1, tzinfo=UTC)
    articles = []
    for number in range(count):
        focus = rng.sample(sorted(COUNTRY_REGION), rng.randint(1, 2))
        title = " ".join(rng.choices(words, weights, k=rng.randint(5, 9))).capitalize()
        body = " ".join(rng.choices(words, weights, k=rng.randint(80, 220))) + "."
        articles.append(
            Article(
                id=f"bench-{number}",
                type=rng.choice(list(ArticleType)),
                title=title,
                body=body,
                body_format=BodyFormat.TEXT,
                plain_text=f"{title}\n\n{body}",
                published_at=start + timedelta(minutes=rng.randint(0, 10 * 365 * 24 * 60)),
                teaser=" ".join(body.split()[:25]),
                authors=(Author(rng.choice(AUTHORS)),),
                enrichment=Enrichment(
                    countries=tuple(CountryMention(c, c, 0.9, True) for c in focus),
                    regions=tuple(
                        RegionMention(r, r) for r in dict.fromkeys(COUNTRY_REGION[c] for c in focus)
                    ),
                ),
            )
        )
    return articles, words


def measure(run: Callable[[int], int]) -> tuple[float, float, float]:
    """p50 and p95 in ms, and the median number of matches (to show what was measured)."""
    for warm in range(10):
        run(warm)
    timings, matched = [], []
    for attempt in range(RUNS):
        began = time.perf_counter()
        matched.append(run(attempt))
        timings.append((time.perf_counter() - began) * 1000)
    timings.sort()
    return (
        statistics.median(timings),
        timings[int(len(timings) * 0.95) - 1],
        statistics.median(matched),
    )


def main(argv: list[str]) -> None:
    count = int(argv[0]) if argv and argv[0].isdigit() else 20_000
    keep = Path(argv[argv.index("--keep") + 1]) if "--keep" in argv else None
    scratch = None if keep else tempfile.TemporaryDirectory(prefix="worldbrief-bench-")
    directory = keep or Path(scratch.name if scratch else ".") / "index"
    articles, words = synthetic_articles(count)
    mid = words[20:300]  # frequent topic words: 1-15% of articles each, like "oil" or "border"
    common = words[:5]  # in nearly every article, like "the"
    codes = sorted(COUNTRY_REGION)
    rng = random.Random(11)
    picks = [(rng.sample(mid, 3), rng.choice(codes)) for _ in range(RUNS + 10)]

    index = open_search_index(directory)
    began = time.perf_counter()
    for offset in range(0, len(articles), 5000):
        index.upsert(articles[offset : offset + 5000])
    index.commit(applied_seq=len(articles))
    built = time.perf_counter() - began
    print(
        f"{count} articles indexed in {built:.1f} s ({count / built:.0f} articles/s) at {directory}"
    )

    none: tuple[Facet, ...] = ()
    every = tuple(Facet)

    def searching(make: Callable[[int], SearchQuery]) -> Callable[[int], int]:
        return lambda i: index.search(make(i)).total

    def words_and_country(n: int, facets: tuple[Facet, ...]) -> Callable[[int], int]:
        return searching(
            lambda i: SearchQuery(
                text=" ".join(picks[i][0][:n]), countries=(picks[i][1],), facets=facets
            )
        )

    shapes: list[tuple[str, Callable[[int], int]]] = [
        ("1 word + country", words_and_country(1, none)),
        ("2 words + country", words_and_country(2, none)),
        ("3 words + country", words_and_country(3, none)),
        ("1 word + country, all facets", words_and_country(1, every)),
        ("2 words + country, all facets", words_and_country(2, every)),
        (
            "2 words, no filter, all facets",
            searching(lambda i: SearchQuery(text=" ".join(picks[i][0][:2]))),
        ),
        (
            "2-word phrase",
            searching(
                lambda i: SearchQuery(text=f'"{mid[i % 50]} {mid[i % 50 + 1]}"', facets=none)
            ),
        ),
        (
            "word OR word -word",
            searching(
                lambda i: SearchQuery(
                    text=f"{picks[i][0][0]} OR {picks[i][0][1]} -{picks[i][0][2]}", facets=none
                )
            ),
        ),
        ("common word, all facets", searching(lambda i: SearchQuery(text=common[i % 5]))),
        (
            "common word, newest first",
            searching(
                lambda i: SearchQuery(text=common[i % 5], sort=SortOrder.NEWEST, facets=none)
            ),
        ),
        (
            "browse newest, all facets",
            searching(lambda i: SearchQuery(sort=SortOrder.NEWEST, page=1 + i % 5)),
        ),
        ("similar(article), top 10", lambda i: len(index.similar(articles[i * 7 % count]))),
    ]
    print(f"{'query shape':34} {'p50 ms':>8} {'p95 ms':>8} {'matches':>8}")
    for label, run in shapes:
        p50, p95, matched = measure(run)
        print(f"{label:34} {p50:8.2f} {p95:8.2f} {matched:8.0f}")
    index.close()
    if scratch is not None:
        scratch.cleanup()


if __name__ == "__main__":
    main(sys.argv[1:])
