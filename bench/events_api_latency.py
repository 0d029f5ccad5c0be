"""Latency of /api/events (with its totals and facets) and its exports over a served store,
from a separate process.

    .venv/bin/python bench/events_api_latency.py DATA_DIR [--requests 200] [--write-before-each]

Starts `worldbrief serve` on a free loopback port against DATA_DIR (e.g. the Reuters dev file
ingested by bench/ingest_reuters.py, plus the demo), then times requests with one client. Each
URL carries a parameter the API ignores (`_`), different every time, so the shared page cache
never answers and every figure is the cost of computing the answer.

Totals and facets are kept per query until the store changes (services/event_facet_cache.py),
so each figure is the cost with the counts of that query kept. With `--write-before-each`,
one article is stored again (its title alternating with a trailing space, restored at the
end) right before every request: a real write, its events unlinked and linked again, so every
figure is the cost of the first request of a query after a write, counts recomputed (those of
the unfiltered query read again from the tallies kept with every write).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

from worldbrief.config import Settings
from worldbrief.enrich.registry import load_stage_modules
from worldbrief.store import ArticleStore, open_store

COUNTRIES = ["us", "gb", "jp", "kz", "de", "fr", "bd", "ca", "br", "cn"]
TYPES = ["Protests", "Battles", "Strategic developments", "Diplomacy", "Riots"]
WORDS = ["strike", "protest", "agreement", "police", "talks", "workers", "oil", "army"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def server_cpu(pid: int) -> float:
    """Seconds of CPU the server process has used (user + system), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Rewriter:
    """Stores one article again, changed, so the store's change sequence moves (a real write:
    its events are unlinked and linked again) and kept counts are dropped."""

    def __init__(self, store: ArticleStore) -> None:
        self.store = store
        self.original = next(  # one that reports events, so storing it relinks them
            a for ids in store.iter_all_ids(batch=100) for a in store.get_many(ids)
            if a.enrichment.events
        )  # fmt: skip
        self.turn = 0

    def write(self) -> None:
        self.turn += 1
        title = self.original.title + (" " if self.turn % 2 else "")
        self.store.upsert_articles([dataclasses.replace(self.original, title=title)])

    def restore(self) -> None:
        self.store.upsert_articles([self.original])


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument(
        "--write-before-each",
        action="store_true",
        help="store an article again before every request (counts never kept)",
    )
    args = parser.parse_args()
    port = free_port()
    env = dict(os.environ, WORLDBRIEF_DATA_DIR=str(Path(args.data_dir).resolve()))
    load_stage_modules()  # so an article read back and stored again keeps its events
    store = open_store(Settings(data_dir=Path(args.data_dir).resolve()).resolved_database_url)
    rewriter = Rewriter(store)
    worldbrief = Path(sys.executable).with_name("worldbrief")
    server = subprocess.Popen(
        [str(worldbrief), "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    rng = random.Random(7)
    counter = iter(range(10**9))
    kinds = {
        "/api/events (no filter)": lambda: "/api/events",
        "/api/events?country=": lambda: f"/api/events?country={rng.choice(COUNTRIES)}",
        "/api/events?type=": lambda: f"/api/events?type={rng.choice(TYPES)}",
        "/api/events?q= (1 word)": lambda: f"/api/events?q={rng.choice(WORDS)}",
        "/api/events?country=&q=": lambda: (
            f"/api/events?country={rng.choice(COUNTRIES)}&q={rng.choice(WORDS)}"
        ),
        "/api/events?bbox= (Europe)": lambda: "/api/events?bbox=-10,35,30,60",
        "/api/events page 5": lambda: "/api/events?page=5",
        "/api/events.csv?country=kz&limit=1000": lambda: "/api/events.csv?country=kz&limit=1000",
    }
    timings: dict[str, list[float]] = {label: [] for label in kinds}
    cpu: dict[str, float] = dict.fromkeys(kinds, 0.0)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            for _ in range(900):  # a large store on a loaded machine starts slowly
                try:
                    client.get("/api/regions")
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            total = client.get("/api/events").json()["total"]
            print(f"{total} distinct dated events in the store")
            for _ in range(10):  # warm the process as a running server is
                client.get(f"/api/events?_={next(counter)}")
            for _ in range(args.requests):
                for label, url in kinds.items():
                    path = url()
                    joined = f"{path}{'&' if '?' in path else '?'}_={next(counter)}"
                    if args.write_before_each:
                        rewriter.write()
                    before = server_cpu(server.pid)
                    started = time.perf_counter()
                    response = client.get(joined)
                    timings[label].append((time.perf_counter() - started) * 1000)
                    cpu[label] += server_cpu(server.pid) - before
                    if response.status_code != 200:
                        raise SystemExit(f"{path} answered {response.status_code}")
    finally:
        server.terminate()
        server.wait(timeout=10)
        rewriter.restore()
        store.close()
    for label, values in timings.items():
        p50, p95 = statistics.median(values), percentile(values, 0.95)
        per = cpu[label] / len(values) * 1000
        print(
            f"{label:30} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   "
            f"server CPU {per:5.1f} ms   (n={len(values)})"
        )


if __name__ == "__main__":
    main()
