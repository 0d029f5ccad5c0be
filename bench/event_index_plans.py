"""The query plans of the event listings with and without the indexes ``events (event_date,
id)`` and ``(place_country, event_date, id)``, which lead ``(event_date, id, type,
place_country)`` and ``(place_country, event_date, id, type)``.

    .venv/bin/python bench/event_index_plans.py DATA_DIR [--database-url URL]

Fill the store first (``bench/events_synthetic.py``). Each listing of ``store.event_reads``
and ``store.event_search`` runs once to record its SQL; each statement is then explained
(``EXPLAIN QUERY PLAN`` on SQLite, ``EXPLAIN (ANALYZE, BUFFERS)`` on PostgreSQL) as the
store is, and again inside a transaction that drops the two indexes and is rolled back. A
plan that changes other than by the index's name is printed in full, with the times.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from worldbrief.config import Settings
from worldbrief.domain.event_query import EventQuery
from worldbrief.domain.linked_events import EventCursor, EventFilter
from worldbrief.services.platform import open_platform
from worldbrief.store.event_queries_store import EventQueryStore
from worldbrief.store.event_store import EventStore

DROPPED = {
    "ix_events_event_date_id": "ix_events_event_date_id_type_place_country",
    "ix_events_place_country_event_date_id": "ix_events_place_country_event_date_id_type",
}
REPEAT = 5


def listings(reads: EventStore, queries: EventQueryStore) -> list[tuple[str, Callable[[], Any]]]:
    """Every listing the pages, API, feeds and exports make, with the filters they take."""
    kind = "Protests"
    cursor = EventCursor(date(2015, 6, 1), "ev-s5")
    return [
        ("latest: all", lambda: reads.latest(EventFilter(), 20)),
        ("latest: country", lambda: reads.latest(EventFilter(country="KZ"), 20)),
        ("latest: country, type", lambda: reads.latest(EventFilter(country="KZ", type=kind), 20)),
        ("latest: type", lambda: reads.latest(EventFilter(type=kind), 20)),
        (
            "latest: dates",
            lambda: reads.latest(EventFilter(since=date(2010, 1, 1), until=date(2010, 12, 31)), 20),
        ),
        ("latest: all, after", lambda: reads.latest(EventFilter(), 20, cursor)),
        ("latest: country, after", lambda: reads.latest(EventFilter(country="KZ"), 20, cursor)),
        ("matching: all", lambda: queries.matching(EventQuery(), 50)),
        ("matching: country", lambda: queries.matching(EventQuery(countries=("KZ",)), 50)),
        (
            "matching: two countries",
            lambda: queries.matching(EventQuery(countries=("KZ", "UZ")), 50),
        ),
        ("matching: type", lambda: queries.matching(EventQuery(type=kind), 50)),
        (
            "matching: country, division",
            lambda: queries.matching(EventQuery(countries=("KZ",), admin1="KZ division 3"), 50),
        ),
        (
            "matching: dates",
            lambda: queries.matching(
                EventQuery(since=date(2010, 1, 1), until=date(2010, 12, 31)), 50
            ),
        ),
        ("matching: all, after", lambda: queries.matching(EventQuery(), 50, cursor)),
        ("matching: all, offset", lambda: queries.matching(EventQuery(), 50, offset=500)),
        ("matching: words", lambda: queries.matching(EventQuery(words=("students",)), 50)),
        (
            "bounded page: country, type",
            lambda: queries.bounded_page(
                EventQuery(countries=("KZ",), type=kind), 50, None, 0, 5000
            ),
        ),
        ("facets: all", lambda: queries.facets(EventQuery(), 10_000)),
        ("facets: country", lambda: queries.facets(EventQuery(countries=("KZ",)), 10_000)),
    ]


@contextmanager
def recorded(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    found: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            found.append((statement, parameters))

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        yield found
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)


def explain(conn: Connection, statement: str, parameters: Any) -> tuple[list[str], float]:
    """The plan's lines and the statement's time in ms (PostgreSQL's own, SQLite's CPU)."""
    if conn.dialect.name == "sqlite":
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
        lines = [str(r[-1]) for r in rows]
        started = time.process_time()
        for _ in range(REPEAT):
            conn.exec_driver_sql(statement, parameters).all()
        return lines, (time.process_time() - started) * 1000 / REPEAT
    plan = "EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) "
    times = []
    for _ in range(REPEAT):
        lines = [str(r[0]) for r in conn.exec_driver_sql(plan + statement, parameters)]
        times.append(float(next(ln for ln in lines if "Execution Time" in ln).split()[2]))
    return lines, min(times)


def shape(lines: list[str]) -> list[str]:
    """A plan without its figures, and with a dropped index named as the one that leads with
    the same columns."""
    kept = []
    for line in lines:
        if line.lstrip().startswith(("Planning", "Execution", "Buffers", "Heap Fetches")):
            continue
        line = re.sub(r"\(cost=[^)]*\)|\(actual[^)]*\)|Rows Removed by Filter: \d+", "", line)
        for dropped, covering in DROPPED.items():
            line = re.sub(rf"\b{dropped}\b", covering, line)
        kept.append(line.rstrip())
    return kept


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("--database-url")
    args = parser.parse_args()
    settings = Settings(data_dir=Path(args.data_dir), database_url=args.database_url)
    platform = open_platform(settings)
    try:
        engine = platform.store.engine
        reads = EventStore.alongside(platform.store)
        queries = EventQueryStore.alongside(platform.store)
        with engine.connect() as conn:
            events = conn.execute(sa.text("SELECT count(*) FROM events")).scalar_one()
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
        print(f"{engine.dialect.name}: {events:,} events")
        statements: list[tuple[str, str, Any]] = []
        for label, run in listings(reads, queries):
            with recorded(engine) as found:
                run()
            statements += [(label, s, p) for s, p in found]
        used = 0
        changed = 0
        with engine.connect() as conn:
            before = [explain(conn, s, p) for _, s, p in statements]
            conn.rollback()
            with conn.begin() as transaction:
                for name in DROPPED:
                    conn.exec_driver_sql(f"DROP INDEX {name}")
                after = [explain(conn, s, p) for _, s, p in statements]
                transaction.rollback()
        for (label, _s, _p), (plan, ms), (plan_without, ms_without) in zip(
            statements, before, after, strict=True
        ):
            named = any(n in line for line in plan for n in DROPPED)
            used += named
            same = shape(plan) == shape(plan_without)
            changed += not same
            print(
                f"{label:32} uses a dropped index: {'yes' if named else 'no ':3}  "
                f"plan {'same' if same else 'CHANGED'}  {ms:8.2f} ms -> {ms_without:8.2f} ms"
            )
            if not same:
                print("  with:    " + "\n           ".join(plan))
                print("  without: " + "\n           ".join(plan_without))
        print(
            f"{len(statements)} statements; {used} use one of the two indexes; "
            f"{changed} plans change without them"
        )
    finally:
        platform.close()


if __name__ == "__main__":
    main()
