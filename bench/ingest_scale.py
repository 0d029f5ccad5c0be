"""Ingest a synthetic corpus at scale; print throughput, CPU, peak memory and sizes.

    .venv/bin/python bench/synth_corpus.py 1000000 --out /tmp/synth-1m.jsonl
    .venv/bin/python bench/ingest_scale.py /tmp/synth-1m.jsonl /tmp/wb-1m [--limit 100000]
        [--database-url postgresql://postgres@127.0.0.1/bench] [--workers N]
    .venv/bin/python bench/ingest_scale.py /tmp/synth-60k.jsonl /tmp/wb-50k --skip 50000 \
        --limit 10000 --profile /tmp/parent.prof

Parse, build, enrich (full geoparser), deduplicate (exact and near), store and index, as
``worldbrief ingest`` does. Peak memory is the largest sum of the resident memory of this
process and all its children (the enrichment workers), sampled every half second. CPU is user
plus system time of all of them; with other work on the machine, wall time stretches and CPU
time does not, so both are printed. Each progress line also gives the latest memory sample
(resident, and resident less mapped files' pages) and the peak so far, so a peak can be placed in
the run. The last line is the figures as JSON.

``--skip`` reads past the first records, so a store already holding them can be grown by the
next slice (the cost of the command's own process grows with the store). ``--profile`` writes a
cProfile of this process alone (the workers are not profiled) to the file given.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import cProfile
import dataclasses
import json
import os
import sys
import threading
import time
from itertools import islice
from pathlib import Path

import psutil
import sqlalchemy as sa

from worldbrief.config import Settings
from worldbrief.ingest.files import read_path
from worldbrief.ingest.limits import ReadLimits
from worldbrief.services.ingest import ingest_records
from worldbrief.services.platform import open_platform


class ProcessTreeSampler(threading.Thread):
    """The largest total RSS of this process tree, and the CPU time of each of its processes
    (workers of a fork server are not waited for, so ``os.times`` would miss them).

    Resident memory counts the pages of files a process maps (the search index's segments, which
    its writer maps to merge them) as well as its own; the kernel can drop the former at will.
    So the largest total of the latter, resident size less what is shared with files (Linux's
    ``shared``; elsewhere nothing is subtracted), is kept apart, and the command's own largest."""

    def __init__(self, interval: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.peak = 0
        self.peak_anonymous = 0
        self.peak_command = 0
        # The latest sample, for the progress lines: when the peak came, not only how high.
        self.last_total = 0
        self.last_anonymous = 0
        self.cpu: dict[int, float] = {}
        self._stop_event = threading.Event()
        self._me = psutil.Process()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.sample()
            self._stop_event.wait(self.interval)

    def sample(self) -> None:
        total = anonymous = 0
        for proc in [self._me, *self._me.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                memory = proc.memory_info()
                total += memory.rss
                anonymous += memory.rss - getattr(memory, "shared", 0)
                if proc.pid == self._me.pid:
                    self.peak_command = max(self.peak_command, memory.rss)
                times = proc.cpu_times()
                self.cpu[proc.pid] = times.user + times.system
        self.last_total, self.last_anonymous = total, anonymous
        self.peak = max(self.peak, total)
        self.peak_anonymous = max(self.peak_anonymous, anonymous)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()

    def cpu_seconds(self) -> tuple[float, float]:
        """(this process, its children)."""
        mine = self.cpu.get(self._me.pid, 0.0)
        return mine, sum(self.cpu.values()) - mine


def directory_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def store_bytes(settings: Settings) -> int:
    url = settings.resolved_database_url
    if url.startswith("sqlite"):
        db = settings.data_dir / "worldbrief.db"
        return sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.is_file())
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        size = conn.execute(sa.text("SELECT pg_database_size(current_database())")).scalar()
    engine.dispose()
    return int(size or 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="JSON Lines corpus (bench/synth_corpus.py)")
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--skip", type=int, default=0, help="skip the first N records")
    parser.add_argument("--limit", type=int, help="ingest only the first N records")
    parser.add_argument("--profile", type=Path, help="write a cProfile of this process here")
    parser.add_argument("--database-url")
    parser.add_argument("--workers", type=int, help="enrichment workers (default: one per core)")
    parser.add_argument("--every", type=int, default=50_000, help="print progress every N")
    args = parser.parse_args()
    settings = Settings(data_dir=args.data_dir, database_url=args.database_url)
    # The million-article file is 1.6 GB: over the default cap on one file, which is the point.
    limits = dataclasses.replace(ReadLimits.from_settings(settings), max_file_bytes=1 << 40)
    platform = open_platform(settings)
    records = read_path(args.corpus, limits)
    # Read past the skipped records before the clock and the CPU count start.
    collections.deque(islice(records, args.skip), maxlen=0)
    sampler = ProcessTreeSampler()
    sampler.sample()
    parent_before, _ = sampler.cpu_seconds()
    sampler.start()
    if args.limit:
        records = islice(records, args.limit)
    done = 0
    started = time.perf_counter()

    def progress(n: int) -> None:
        nonlocal done
        before, done = done, done + n
        if done // args.every != before // args.every:
            elapsed = time.perf_counter() - started
            print(
                f"  {done:>9,} records  {elapsed:8.0f} s  {done / elapsed:6.0f}/s"
                f"  rss {sampler.last_total / 2**20:6.0f} MiB"
                f"  anonymous {sampler.last_anonymous / 2**20:6.0f} MiB"
                f"  peak {sampler.peak / 2**20:6.0f} MiB",
                file=sys.stderr,
            )

    # CPU time of this thread: waits for the workers and for the disk are left out.
    profiler = cProfile.Profile(time.thread_time) if args.profile else None
    if profiler is not None:
        profiler.enable()
    report = ingest_records(platform, records, progress, workers=args.workers)
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args.profile)
    seconds = time.perf_counter() - started
    sampler.stop()
    parent_cpu, workers_cpu = sampler.cpu_seconds()
    parent_cpu -= parent_before
    cpu = parent_cpu + workers_cpu
    platform.close()
    figures = {
        "records": done,
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "duplicates": report.duplicates,
        "near_duplicates": report.near_duplicates,
        "rejected": len(report.rejected),
        "seconds": round(seconds, 1),
        "articles_per_second": round(done / seconds, 1),
        "cpu_seconds": round(cpu, 1),
        "cpu_ms_per_article": round(cpu * 1000 / max(done, 1), 2),
        "parent_cpu_ms_per_article": round(parent_cpu * 1000 / max(done, 1), 2),
        "peak_rss_mib": round(sampler.peak / 2**20),
        "peak_anonymous_mib": round(sampler.peak_anonymous / 2**20),
        "peak_command_rss_mib": round(sampler.peak_command / 2**20),
        "store_mib": round(store_bytes(settings) / 2**20),
        "index_mib": round(directory_bytes(settings.index_dir) / 2**20),
        "load_average": os.getloadavg()[0],
        "backend": settings.resolved_database_url.split(":")[0].split("+")[0],
    }
    for name, value in figures.items():
        print(f"{name:22} {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
