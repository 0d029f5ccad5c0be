"""Latency of /api/search and the article page over a served store, from a separate process.

    .venv/bin/python bench/api_latency.py DATA_DIR [--requests 300]

Starts `worldbrief serve` on a free loopback port against DATA_DIR (e.g. the one
bench/ingest_reuters.py filled), then times requests with one client, as a reader would see them.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

QUERIES = [
    "oil",
    "wheat",
    "coffee",
    "gold",
    "dollar",
    "bank",
    "trade deficit",
    "interest rates",
    "oil prices",
    "crude oil output",
    "money supply growth",
    "sugar exports",
    "stock split",
    "central bank",
    "grain shipments",
    "opec output ceiling",
    "tin council",
    "bond issue",
]
COUNTRIES = ["US", "GB", "JP", "DE", "FR", "CA", "BR", "AU", "CN", "SA"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def timed(client: httpx.Client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}: {response.text[:200]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    port = free_port()
    env = dict(os.environ, WORLDBRIEF_DATA_DIR=str(Path(args.data_dir).resolve()))
    worldbrief = Path(sys.executable).with_name("worldbrief")
    server = subprocess.Popen(
        [str(worldbrief), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    rng = random.Random(7)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30, follow_redirects=True) as client:
            for _ in range(100):
                try:
                    client.get("/api/regions")
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            ids = [a["id"] for a in client.get("/api/articles?limit=100").json()["articles"]]
            for _ in range(20):  # warm caches as a running server would have them
                client.get(f"/api/search?q={rng.choice(QUERIES)}")
            plain = [
                timed(client, f"/api/search?q={rng.choice(QUERIES)}") for _ in range(args.requests)
            ]
            filtered = [
                timed(
                    client, f"/api/search?q={rng.choice(QUERIES)}&country={rng.choice(COUNTRIES)}"
                )
                for _ in range(args.requests)
            ]
            pages = [timed(client, f"/articles/{rng.choice(ids)}") for _ in range(args.requests)]
    finally:
        server.terminate()
        server.wait(timeout=10)
    for label, values in (
        ("/api/search, 1-3 words", plain),
        ("/api/search + country", filtered),
        ("article page", pages),
    ):
        p50, p95 = statistics.median(values), percentile(values, 0.95)
        print(f"{label:26} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   (n={len(values)})")


if __name__ == "__main__":
    main()
