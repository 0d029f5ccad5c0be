"""Rebuild the search index of an existing store, as ``worldbrief reindex`` does; print the time,
the rate, CPU, peak memory and the index size.

    .venv/bin/python bench/reindex_scale.py /tmp/wb-1m [--database-url URL]

DATA_DIR is a data directory an ingest filled (bench/ingest_scale.py). Its index is emptied and
rebuilt from the store. The last line is the figures as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

from worldbrief.config import Settings
from worldbrief.services.indexing import rebuild
from worldbrief.services.platform import open_platform


def directory_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--database-url")
    parser.add_argument("--every", type=int, default=100_000, help="print progress every N")
    args = parser.parse_args()
    settings = Settings(data_dir=args.data_dir, database_url=args.database_url)
    platform = open_platform(settings)
    articles = platform.store.count()
    done = 0
    started = time.perf_counter()
    cpu_started = time.process_time()

    def progress(n: int) -> None:
        nonlocal done
        before, done = done, done + n
        if done // args.every != before // args.every:
            elapsed = time.perf_counter() - started
            print(
                f"  {done:>9,} indexed  {elapsed:8.0f} s  {done / elapsed:6.0f}/s", file=sys.stderr
            )

    total = rebuild(platform.store, platform.index, progress)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    searchable = platform.index.document_count()
    platform.close()
    figures = {
        "articles": articles,
        "changes_applied": total,
        "documents": searchable,
        "seconds": round(seconds, 1),
        "articles_per_second": round(total / seconds, 1),
        "cpu_seconds": round(cpu, 1),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "index_mib": round(directory_bytes(settings.index_dir) / 2**20),
        "load_average": os.getloadavg()[0],
    }
    for name, value in figures.items():
        print(f"{name:22} {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
