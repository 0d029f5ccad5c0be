"""Bulk upsert throughput of the store: synthetic articles, 500 per call.

Run: .venv/bin/python bench/store_upsert.py [--articles 5000]
Measures SQLite (a temporary file) and, when WORLDBRIEF_TEST_DATABASE_URL names a PostgreSQL
server, a temporary database on it. Prints articles/s for new, unchanged and updated batches.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from worldbrief.config import normalise_database_url
from worldbrief.domain import (
    Article,
    ArticleType,
    Author,
    BodyFormat,
    CountryMention,
    Enrichment,
    EntityType,
    NamedEntity,
    PlaceMention,
    RegionMention,
    Source,
    Span,
)
from worldbrief.store import open_store

BATCH = 500
WORDS = [
    "port",
    "deal",
    "border",
    "talks",
    "grain",
    "pipeline",
    "election",
    "sanctions",
    "rail",
    "energy",
    "treaty",
]
CODES = ["KZ", "RU", "CN", "UZ", "TM", "AZ", "GE", "AM", "KG", "TJ"]


def synthetic_article(n: int, rng: random.Random) -> Article:
    body = " ".join(rng.choice(WORDS) for _ in range(600))
    codes = rng.sample(CODES, 3)
    return Article(
        id=f"bench-{n:07d}",
        type=ArticleType.ANALYSIS,
        title=f"Synthetic article {n}",
        body=body,
        body_format=BodyFormat.MARKDOWN,
        plain_text=f"Synthetic article {n}\n\n{body}",
        published_at=datetime(2020, 1, 1, tzinfo=UTC) + timedelta(minutes=n),
        authors=(Author("Dana Analyst", "Eurasia Analyst"), Author("Erik Editor")),
        source=Source("Bench Wire", f"https://example.org/{n}"),
        content_hash=uuid.UUID(int=rng.getrandbits(128)).hex,
        metadata={"tags": ["bench", codes[0].lower()]},
        enrichment=Enrichment(
            language="en",
            reading_minutes=3,
            countries=tuple(
                CountryMention(c, c, rng.random(), i < 2, (Span(10 * i, 10 * i + 5),))
                for i, c in enumerate(codes)
            ),
            regions=(RegionMention("central-asia", "Central Asia"),),
            places=tuple(
                PlaceMention(i, i + 5, "Aktau", "Aktau", 610612, 43.6, 51.2, "KZ", None, "P.PPL")
                for i in range(5)
            ),
            entities=tuple(
                NamedEntity(
                    f"entity-{i}", f"Entity {i}", EntityType.ORGANIZATION, (Span(i, i + 3),)
                )
                for i in range(5)
            ),
            near_duplicate_keys=tuple(sorted(rng.getrandbits(63) for _ in range(16))),
        ),
    )


def measure(url: str, count: int) -> None:
    rng = random.Random(7)
    articles = [synthetic_article(n, rng) for n in range(count)]
    updated = [replace(a, title=a.title + " (revised)") for a in articles]
    store = open_store(url)
    try:
        for label, batch in (("new", articles), ("unchanged", articles), ("updated", updated)):
            rate = _rate(partial(_upsert_all, store.upsert_articles, batch), count)
            print(f"  {label:<10} {rate:>8,.0f} articles/s")
    finally:
        store.close()


def _upsert_all(upsert: Callable[[list[Article]], object], articles: list[Article]) -> None:
    for start in range(0, len(articles), BATCH):
        upsert(articles[start : start + BATCH])


def _rate(run: Callable[[], None], count: int) -> float:
    started = time.perf_counter()
    run()
    return count / (time.perf_counter() - started)


@contextmanager
def temporary_postgres(server_url: str) -> Iterator[str]:
    name = f"worldbrief_bench_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(normalise_database_url(server_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        url = make_url(normalise_database_url(server_url)).set(database=name)
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=5000)
    count = parser.parse_args().articles
    print(f"bulk upsert, {count:,} synthetic articles of ~600 words, {BATCH} per call")
    with tempfile.TemporaryDirectory() as tmp:
        print("sqlite")
        measure(f"sqlite:///{Path(tmp) / 'bench.db'}", count)
    server = os.environ.get("WORLDBRIEF_TEST_DATABASE_URL")
    if server:
        print("postgresql")
        with temporary_postgres(server) as url:
            measure(url, count)


if __name__ == "__main__":
    main()
