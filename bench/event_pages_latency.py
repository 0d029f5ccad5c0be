"""Latency of the event page, the actor page and an article page with "What happened", over a
store whose size you choose: their reads are bounded ranges, so the figures should not grow
with the number of stored events.

    .venv/bin/python bench/events_synthetic.py DATA_DIR --events 300000   # optional: grow it
    .venv/bin/python bench/event_pages_latency.py DATA_DIR [--requests 100]

Requests run in process through the app (TestClient), one at a time; each URL carries a
parameter the pages ignore (``_``), different every time, so the shared page cache never
answers. Synthetic actors (``synthetic-actor-N``) get catalog rows here so their pages exist.
Prints p50 and p95 wall time and the CPU time per request of this process.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from fastapi.testclient import TestClient

from worldbrief.config import Settings
from worldbrief.services.platform import Platform, open_platform
from worldbrief.store.schema import article_events, entities, event_entities, events
from worldbrief.web.app import create_app
from worldbrief.web.views import article_url

SYNTHETIC_ACTORS = 50


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def catalog_synthetic_actors(platform: Platform) -> None:
    moment = datetime(2000, 1, 1, tzinfo=UTC)
    with platform.store.engine.begin() as conn:
        known = set(conn.execute(sa.select(entities.c.id)).scalars())
        rows = [
            {"id": f"synthetic-actor-{n}", "name": f"Synthetic actor {n}", "type": "armed group",
             "aliases": [], "countries": [], "first_seen": moment, "last_seen": moment}
            for n in range(SYNTHETIC_ACTORS)
            if f"synthetic-actor-{n}" not in known
        ]  # fmt: skip
        if rows:
            conn.execute(sa.insert(entities), rows)


def samples(platform: Platform, rng: random.Random) -> dict[str, list[str]]:
    with platform.store.engine.connect() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(events)).scalar_one()
        busiest = conn.execute(
            sa.select(event_entities.c.entity_id, sa.func.count().label("n"))
            .group_by(event_entities.c.entity_id)
            .order_by(sa.desc("n"))
            .limit(10)
        ).all()
        reported = conn.execute(
            sa.select(article_events.c.article_id, article_events.c.event_id)
            .where(article_events.c.event_id.is_not(None))
            .limit(2000)
        ).all()
        offsets = [rng.randrange(max(total, 1)) for _ in range(20)]
        anywhere = [
            conn.execute(
                sa.select(events.c.id).order_by(events.c.id).offset(o).limit(1)
            ).scalar_one()
            for o in offsets
        ]
    print(f"{total:,} events; busiest actors: "
          + ", ".join(f"{r.entity_id} ({r.n:,})" for r in busiest[:3]))  # fmt: skip
    articles = sorted({r.article_id for r in reported})
    titled = {a.id: a.title for a in platform.store.headlines(articles)}
    return {
        "/events/{id} (any event)": [f"/events/{i}" for i in anywhere],
        "/events/{id} (reported)": [f"/events/{r.event_id}" for r in reported[:50]],
        "/actors/{id} (busiest)": [f"/actors/{r.entity_id}" for r in busiest],
        "article with What happened": [
            article_url(i, titled[i]) for i in articles[:50] if i in titled
        ],
    }


def timed(get: Callable[[str], int], urls: list[str], requests: int) -> tuple[list[float], float]:
    walls: list[float] = []
    cpu_start = time.process_time()
    for n in range(requests):
        url = urls[n % len(urls)]
        started = time.perf_counter()
        status = get(f"{url}{'&' if '?' in url else '?'}_={n}")
        walls.append((time.perf_counter() - started) * 1000)
        assert status == 200, (url, status)
    return walls, (time.process_time() - cpu_start) * 1000 / requests


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    platform = open_platform(Settings(data_dir=Path(args.data_dir)))
    try:
        catalog_synthetic_actors(platform)
        chosen = samples(platform, random.Random(5))
        with TestClient(create_app(platform.settings, platform)) as client:

            def get(url: str) -> int:
                return client.get(url).status_code

            print(f"{'surface':32} {'p50':>8} {'p95':>8} {'CPU':>8}")
            for name, urls in chosen.items():
                if not urls:
                    continue
                timed(get, urls, 5)  # warm the caches of the process
                walls, cpu = timed(get, urls, args.requests)
                p50, p95 = statistics.median(walls), percentile(walls, 0.95)
                print(f"{name:32} {p50:6.1f}ms {p95:6.1f}ms {cpu:6.1f}ms")
    finally:
        platform.close()


if __name__ == "__main__":
    main()
