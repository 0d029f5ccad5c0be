"""What linking events across articles costs at write time, and whether it grows with the store.

Run: .venv/bin/python bench/event_linking.py [--articles 20000] [--database-url URL]
Writes synthetic articles, 500 per call, into a temporary SQLite store (or the database named),
once with two event reports each (a third of them re-telling an event another article already
reported, so they link) and once with none, and prints articles/s for the first and the last
batches of each run, with the events and reports stored at the end. The difference between the
runs is the cost of storing and linking the reports; first against last shows whether it grows.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

import worldbrief.enrich.events  # noqa: F401  (registers the stage and its tables)
from worldbrief.domain import (
    AccessLevel,
    Article,
    ArticleType,
    BodyFormat,
    Enrichment,
    PlaceMention,
    Source,
    Span,
)
from worldbrief.domain.events import ActorRole, ActorType, DatePrecision, EventActor, EventMention
from worldbrief.store import open_store
from worldbrief.store.schema import article_events, events

BATCH = 500
SUBTYPES = [
    ("Battles", "Armed clash"),
    ("Protests", "Peaceful protest"),
    ("Violence against civilians", "Attack"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Riots", "Mob violence"),
]
ACTORS = ["police", "troops", "rebels", "gunmen", "protesters", "villagers"]


def _report(rng: random.Random) -> EventMention:
    kind, subtype = rng.choice(SUBTYPES)
    country = f"C{rng.randrange(40)}"
    division = rng.randrange(8)
    lat, lon = rng.uniform(-50, 50), rng.uniform(-150, 150)
    place = PlaceMention(
        0, 4, "Town", "Town", None, lat, lon, country, f"{country}-{division}", "P"
    )
    return EventMention(
        type=kind,
        subtype=subtype,
        confidence=0.8,
        evidence=(Span(0, 20),),
        date=date(2020, 1, 1) + timedelta(days=rng.randrange(1500)),
        date_precision=DatePrecision.DAY,
        place=place,
        actors=(EventActor(rng.choice(ACTORS), ActorRole.ACTOR1, ActorType.STATE_FORCES),),
        fatalities=rng.randrange(10),
    )


def _articles(count: int, with_events: bool, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    told: list[EventMention] = []
    made = []
    start = datetime(2020, 1, 1, tzinfo=UTC)
    for i in range(count):
        reports: list[EventMention] = []
        for _ in range(2):
            retell = told and rng.random() < 1 / 3
            reports.append(rng.choice(told) if retell else _report(rng))
            told.append(reports[-1])
        text = f"Article {i} about what happened."
        made.append(
            Article(
                id=f"a{i:07d}",
                type=ArticleType.NEWS,
                title=f"Article {i}",
                body=text,
                body_format=BodyFormat.TEXT,
                plain_text=text,
                published_at=start + timedelta(minutes=i),
                source=Source(name="Bench"),
                access=AccessLevel.FREE,
                content_hash=f"h{i}",
                enrichment=Enrichment(events=tuple(reports) if with_events else ()),
            )
        )
    return made


def _run(url: str, articles: list[Article]) -> tuple[list[float], int, int]:
    store = open_store(url)
    rates = []
    try:
        for start in range(0, len(articles), BATCH):
            batch = articles[start : start + BATCH]
            began = time.perf_counter()
            store.upsert_articles(batch)
            rates.append(len(batch) / (time.perf_counter() - began))
        with store.engine.connect() as conn:
            distinct = conn.execute(sa.select(sa.func.count()).select_from(events)).scalar_one()
            reports = conn.execute(
                sa.select(sa.func.count()).select_from(article_events)
            ).scalar_one()
    finally:
        store.close()
    return rates, distinct, reports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    args = parser.parse_args()
    ends = max(1, min(4, args.articles // BATCH // 2))
    for with_events in (False, True):
        articles = _articles(args.articles, with_events)
        with tempfile.TemporaryDirectory() as tmp:
            url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
            rates, distinct, reports = _run(url, articles)
        first = sum(rates[:ends]) / ends
        last = sum(rates[-ends:]) / ends
        label = "with events" if with_events else "no events  "
        print(
            f"{label}: first {ends} batches {first:7.0f} articles/s, last {ends} {last:7.0f}"
            f" articles/s; {reports} reports stored, {distinct} distinct events"
        )
        if args.database_url:
            break  # a named database is not emptied between runs


if __name__ == "__main__":
    main()
