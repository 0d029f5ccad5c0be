"""How far a streaming replica trails the primary while articles are written: the time from an
ingest batch's commit until the replica has replayed it (what a reader page on the replica may
miss), on a PostgreSQL 15 primary and replica made for the run (tests/support/streaming_replica).

    .venv/bin/python bench/replica_lag.py --batches 40 --batch-size 100

Prints the lag's median, p95 and largest, the articles written per second, and the load average.
The replica is polled every millisecond over an open connection.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from support.streaming_replica import streaming_pair
from worldbrief.config import Settings
from worldbrief.domain import RawDocument
from worldbrief.services.ingest import ingest_records
from worldbrief.services.platform import open_platform

SENTENCE = "the council met on tuesday to weigh the harbour levy and the grain convoy plan"


def documents(batch: int, size: int) -> list[RawDocument]:
    words = SENTENCE.split()
    start = datetime(2020, 1, 1, tzinfo=UTC)
    return [
        RawDocument(
            location=f"bench:{batch}:{i}",
            external_id=f"bench-{batch}-{i}",
            title=f"Report {batch}-{i} on the harbour levy",
            body=" ".join(words[(i + k) % len(words)] for k in range(250)) + f" {batch} {i}.",
            published_at=start + timedelta(minutes=batch * size + i),
        )
        for i in range(size)
    ]


def replay_wait(primary: psycopg.Connection[Any], replica: psycopg.Connection[Any]) -> float:
    """Seconds until the replica has replayed everything committed so far (open connections,
    so the poll costs a round trip, not a connection)."""
    row = primary.execute("SELECT pg_current_wal_lsn()").fetchone()
    assert row is not None
    target = str(row[0])
    began = time.perf_counter()
    query = "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn"
    while not (replica.execute(query, (target,)).fetchone() or (False,))[0]:
        time.sleep(0.001)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--batches", type=int, default=40)
    parser.add_argument("--batch-size", type=int, default=100)
    args = parser.parse_args()
    with streaming_pair() as pair, tempfile.TemporaryDirectory() as scratch:
        settings = Settings(
            data_dir=Path(scratch),
            database_url=pair.primary_url,
            enrich_stages="reading_time,language,fingerprint",
        )
        platform = open_platform(settings)
        primary = psycopg.connect(pair.primary_url, autocommit=True)
        replica = psycopg.connect(pair.replica_url, autocommit=True)
        try:
            replay_wait(primary, replica)
            lags: list[float] = []
            writing = 0.0
            cpu = time.process_time()
            for batch in range(args.batches):
                began = time.perf_counter()
                ingest_records(platform, documents(batch, args.batch_size), workers=1,
                               follow_index=False)  # fmt: skip
                writing += time.perf_counter() - began
                lags.append(replay_wait(primary, replica))
            cpu = time.process_time() - cpu
        finally:
            primary.close()
            replica.close()
            platform.close()
    lags.sort()
    articles = args.batches * args.batch_size
    print(f"batches {args.batches} x {args.batch_size} articles (about 250 words each)")
    print(
        f"replay lag after a batch's commit: median {statistics.median(lags) * 1000:.1f} ms, "
        f"p95 {lags[int(len(lags) * 0.95) - 1] * 1000:.1f} ms, max {lags[-1] * 1000:.1f} ms"
    )
    print(f"ingest on the primary: {articles / writing:.0f} articles/s")
    print(f"bench process CPU: {cpu / articles * 1000:.2f} ms per article")
    print("load average: " + " ".join(f"{v:.2f}" for v in os.getloadavg()))


if __name__ == "__main__":
    main()
