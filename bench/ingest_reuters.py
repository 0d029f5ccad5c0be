"""Ingest + enrich + store + index the Reuters dev file; print throughput and peak memory.

    .venv/bin/python bench/ingest_reuters.py [DATA_DIR] [--database-url URL]

DATA_DIR defaults to a fresh temporary directory (left in place so bench/api_latency.py can use it).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from worldbrief.config import Settings
from worldbrief.services.ingest import ingest_sources
from worldbrief.services.platform import open_platform

REUTERS = (
    Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "reuters21578" / "dev.jsonl"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", nargs="?")
    parser.add_argument("--database-url")
    args = parser.parse_args()
    if not REUTERS.exists():
        sys.exit(f"missing {REUTERS}")
    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="worldbrief-bench-"))
    settings = Settings(data_dir=data_dir, database_url=args.database_url)
    started = time.perf_counter()
    platform = open_platform(settings)
    opened = time.perf_counter()
    report = ingest_sources(platform, [str(REUTERS)])
    finished = time.perf_counter()
    platform.close()
    stored = report.created + report.updated + report.unchanged + report.near_duplicates
    seconds = finished - opened
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"store            {settings.resolved_database_url.split('://')[0]}")
    print(f"data dir         {data_dir}")
    print(f"open + migrate   {opened - started:.2f} s")
    print(f"records          {report.accepted + len(report.rejected)}")
    print(
        f"created          {report.created}  (near-duplicates linked: {report.near_duplicates}, "
        f"duplicates: {report.duplicates}, rejected: {len(report.rejected)})"
    )
    print(f"ingest time      {seconds:.1f} s")
    print(f"throughput       {stored / seconds:.0f} articles/s")
    print(f"peak memory      {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
