"""Add N synthetic distinct events to a store, to measure the events API at scale.

    .venv/bin/python bench/events_synthetic.py DATA_DIR --events 1000000

Rows go straight into ``events`` and ``event_entities`` (no articles behind them), and the
kept tallies (weeks, months, entities) move with them as they do when events are linked: the
reads of /api/events, its counts and its exports, and the country and region pages touch those
tables, and this is the quickest way to make them large. Countries, types, dates (2000 to 2026),
places and actors are drawn with a fixed seed; a fifth of the events name one of 50 known
actors. Use a copy of a real store.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from worldbrief.config import Settings
from worldbrief.events.typology import typology
from worldbrief.services.platform import open_platform
from worldbrief.store.event_entity_tallies import dated_entities, record_entity_changes
from worldbrief.store.event_terms import event_terms
from worldbrief.store.event_week_tallies import mark_of, record_event_changes
from worldbrief.store.schema import event_entities, events

COUNTRIES = ["US", "GB", "JP", "KZ", "DE", "FR", "BD", "CD", "UZ", "KG", "IN", "BR", "NG", "SD"]
ACTOR_TYPES = ["state forces", "rebel group", "protesters", "civilians", "rioters"]
BATCH = 5000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    platform = open_platform(Settings(data_dir=Path(args.data_dir)))
    rng = random.Random(11)
    kinds = [k for k in typology()]
    start, days = date(2000, 1, 1), (date(2026, 11, 1) - date(2000, 1, 1)).days
    started = time.perf_counter()
    try:
        engine = platform.store.engine
        for first in range(0, args.events, BATCH):
            rows, named = [], []
            for n in range(first, min(first + BATCH, args.events)):
                kind = rng.choice(kinds)
                day = start + timedelta(days=rng.randrange(days))
                code = rng.choice(COUNTRIES)
                lat, lon = rng.uniform(-40, 60), rng.uniform(-120, 140)
                admin1 = f"{code} division {rng.randrange(12)}"
                place = {
                    "start": 0, "end": 4, "text": "Town", "name": f"Town {rng.randrange(500)}",
                    "geonameid": None, "lat": lat, "lon": lon, "country": code,
                    "admin1": admin1, "feature": "P.PPL",
                }  # fmt: skip
                actors = [{"name": rng.choice(["police", "troops", "workers", "students"]),
                           "type": rng.choice(ACTOR_TYPES), "entity_id": None}]  # fmt: skip
                if rng.random() < 0.2:
                    entity = f"synthetic-actor-{rng.randrange(50)}"
                    actors.append({"name": entity, "type": "rebel group", "entity_id": entity})
                    named.append(
                        {"entity_id": entity, "event_date": day.isoformat(), "event_id": f"ev-s{n}"}
                    )
                moment = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
                summary = {
                    "event_date": day.isoformat(),
                    "date_precision": "day",
                    "week": (day - timedelta(days=day.weekday())).isoformat(),
                    "place": place,
                    "place_country": code,
                    "place_admin1": admin1,
                    "lat": lat,
                    "lon": lon,
                    "actors": actors,
                    "fatalities": rng.choice([None, 0, 1, 3]),
                    "fatalities_approximate": False,
                    "first_reported": moment,
                    "last_reported": moment,
                    "sources": 1,
                }
                terms = event_terms(kind.type, kind.subtype, summary)
                rows.append(
                    {"id": f"ev-s{n}", "type": kind.type, "subtype": kind.subtype, **summary,
                     **terms}
                )  # fmt: skip
            with engine.begin() as conn:
                conn.execute(sa.insert(events), rows)
                record_event_changes(conn, (), (mark_of(r) for r in rows))
                if named:
                    conn.execute(sa.insert(event_entities), named)
                    record_entity_changes(conn, (), dated_entities(named))
    finally:
        platform.close()
    elapsed = time.perf_counter() - started
    print(f"added {args.events:,} events in {elapsed:.0f} s")


if __name__ == "__main__":
    main()
