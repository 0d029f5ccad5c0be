"""What the in-site notifications cost: the header's unread count, a page of notifications and
"mark all read", for a reader with a long history among many readers.

Run: .venv/bin/python bench/notification_reads.py [--alerts 500000] [--reader-alerts 20000]
         [--database-url URL]
Builds a temporary store (SQLite, or the empty database named): 1,000 accounts of 10 watchlists
each, and a measured reader with 200 watchlists; ``--alerts`` alerts spread over all of them,
``--reader-alerts`` of those the measured reader's. The reader marks all read, then 50 new
alerts arrive. Prints the median and 95th percentile of each read; storing is not timed.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from worldbrief.config import Settings
from worldbrief.domain.account import Role
from worldbrief.services.platform import open_platform
from worldbrief.store import AccountStore
from worldbrief.store.alert_tables import alerts, watchlists
from worldbrief.store.notification_store import NotificationStore

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)
CRITERIA = {"countries": ["KZ"]}


def _timed(run: Callable[[], object], repeat: int = 200) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def _alert_rows(ids: list[int], count: int, first_item: int) -> list[dict[str, object]]:
    return [
        {
            "watchlist_id": ids[n % len(ids)],
            "kind": "article",
            "item_id": f"a{first_item + n}",
            "article_id": f"a{first_item + n}",
            "reasons": [["country", "KZ"]],
            "seq": 1,
            "created_at": NOW,
            "email_state": "off",
            "webhook_state": "off",
            "webhook_attempts": 0,
        }
        for n in range(count)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--alerts", type=int, default=500_000)
    parser.add_argument("--reader-alerts", type=int, default=20_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp) / "data", database_url=args.database_url)
        platform = open_platform(settings)
        accounts = AccountStore.alongside(platform.store)
        engine = platform.store.engine
        owners = [
            accounts.create_account(f"r{n}@example.org", "x", Role.REGISTERED, actor="b", now=NOW)
            for n in range(1_001)
        ]
        reader = owners[0]
        rows = [
            {
                "account_id": o.id,
                "name": "w",
                "criteria": CRITERIA,
                "email_mode": "off",
                "created_at": NOW,
                "updated_at": NOW,
                "created_seq": 0,
            }
            for o in owners
            for _ in range(200 if o is reader else 10)
        ]
        with engine.begin() as conn:
            conn.execute(sa.insert(watchlists), rows)
            mine = list(
                conn.execute(
                    sa.select(watchlists.c.id).where(watchlists.c.account_id == reader.id)
                ).scalars()
            )
            others = list(
                conn.execute(
                    sa.select(watchlists.c.id).where(watchlists.c.account_id != reader.id)
                ).scalars()
            )
        started = time.perf_counter()
        others_count = args.alerts - args.reader_alerts
        for start in range(0, others_count, 50_000):
            batch = min(50_000, others_count - start)
            with engine.begin() as conn:
                conn.execute(sa.insert(alerts), _alert_rows(others, batch, start))
        with engine.begin() as conn:
            conn.execute(sa.insert(alerts), _alert_rows(mine, args.reader_alerts, args.alerts))
        stored = time.perf_counter() - started
        if engine.dialect.name == "postgresql":
            # Statistics, as autovacuum gathers them after a bulk load; without them the
            # planner guesses a sequential scan of every alert.
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("ANALYZE")
        store = NotificationStore.alongside(platform.store)
        backend = engine.dialect.name
        print(f"{backend}: {args.alerts:,} alerts ({args.reader_alerts:,} the reader's) "
              f"stored in {stored:.1f} s")  # fmt: skip
        unread = _timed(lambda: store.unread_count(reader.id, 100))
        print(f"unread count, nothing read yet (100 of {args.reader_alerts:,}): "
              f"median {unread[0]:.2f} ms, p95 {unread[1]:.2f} ms")  # fmt: skip
        began = time.perf_counter()
        marked = store.mark_all_read(reader.id, NOW)
        print(f"mark all read ({marked:,} alerts): {(time.perf_counter() - began) * 1000:.0f} ms")
        with engine.begin() as conn:
            conn.execute(sa.insert(alerts), _alert_rows(mine, 50, 10 * args.alerts))
        unread = _timed(lambda: store.unread_count(reader.id, 100))
        assert store.unread_count(reader.id, 100) == 50
        print(f"unread count after mark all read and 50 new: "
              f"median {unread[0]:.2f} ms, p95 {unread[1]:.2f} ms")  # fmt: skip
        page = _timed(lambda: store.newest(reader.id, 31), repeat=50)
        print(f"newest 30 notifications: median {page[0]:.1f} ms, p95 {page[1]:.1f} ms")
        with engine.connect() as conn:
            ids = sa.select(alerts.c.id).where(alerts.c.watchlist_id.in_(mine))
            middle = conn.execute(sa.select(sa.func.avg(ids.subquery().c.id))).scalar_one()
        deep = _timed(lambda: store.newest(reader.id, 31, int(middle)), repeat=50)
        print(f"30 notifications from the middle of the history: "
              f"median {deep[0]:.1f} ms, p95 {deep[1]:.1f} ms")  # fmt: skip
        other = owners[500]
        spread = _timed(lambda: store.newest(other.id, 31), repeat=50)
        print(f"newest 30 of another reader (10 watchlists, alerts among everyone's): "
              f"median {spread[0]:.1f} ms, p95 {spread[1]:.1f} ms")  # fmt: skip
        unread = _timed(lambda: store.unread_count(other.id, 100))
        print(f"unread count of another reader (10 watchlists): median {unread[0]:.2f} ms")
        platform.close()


if __name__ == "__main__":
    main()
