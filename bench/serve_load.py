"""Throughput and latency of `worldbrief serve` under concurrent load, one worker vs N.

    .venv/bin/python bench/serve_load.py [--data-dir DIR] [--workers 1 2] [--seconds 8]
        [--concurrency 1 8 32] [--page-cache-bytes N] [--database-url URL]

Loads the demo corpus into DIR (a temporary directory by default) if it is empty, then for each
worker count starts `worldbrief serve --workers N` on a free loopback port and drives the home
page, an article page (its canonical URL) and `/api/search` with Debian's `hey`
(`apt-get install hey`) at each concurrency, printing requests per second, latency percentiles,
the answers other than 200 and the load average of the machine before and after each run.
`--page-cache-bytes 0` measures the pages rendered on every request (no answers kept).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

CONCURRENCY = (1, 8, 32)
SEARCH = "/api/search?q=oil+pipeline"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def environment(data_dir: Path, extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORLDBRIEF_")}
    env["WORLDBRIEF_DATA_DIR"] = str(data_dir)
    env.update(extra)
    return env


def start(
    data_dir: Path, workers: int, extra: dict[str, str]
) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [sys.executable, "-m", "worldbrief.cli.main", "serve", "--demo",
               "--port", str(port), "--workers", str(workers)]  # fmt: skip
    process = subprocess.Popen(
        command, env=environment(data_dir, extra), stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + SEARCH, timeout=2).status_code == 200:
                time.sleep(2)  # let every worker finish starting
                return process, url
        except httpx.HTTPError:
            time.sleep(0.3)
    stop(process)
    raise SystemExit(f"worldbrief serve --workers {workers} did not start")


def stop(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def an_article_path(url: str) -> str:
    """The canonical URL of the first search hit (its short form answers with a redirect)."""
    hits = httpx.get(url + SEARCH, timeout=10).json()["hits"]
    page = httpx.get(f"{url}/articles/{hits[0]['id']}", timeout=30, follow_redirects=True)
    return page.url.raw_path.decode()


def hey(url: str, concurrency: int, seconds: int) -> tuple[float, float, float, float, int]:
    """Requests/s, p50, p95 and p99 in ms (the slowest when too few requests for a
    percentile), and the count of answers other than 200 plus transport errors."""
    out = subprocess.run(
        ["hey", "-z", f"{seconds}s", "-c", str(concurrency), url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rate = float(_field(r"Requests/sec:\s+([\d.]+)", out))
    percentiles = {int(p): float(v) for p, v in re.findall(r"(\d+)%+ in ([\d.]+) secs", out)}
    slowest = float(_field(r"Slowest:\s+([\d.]+) secs", out))
    p50 = percentiles.get(50, slowest) * 1000
    p95 = percentiles.get(95, slowest) * 1000
    p99 = percentiles.get(99, slowest) * 1000
    codes = dict(re.findall(r"\[(\d{3})\]\s+(\d+) responses", out))
    errors = sum(int(n) for code, n in codes.items() if code != "200")
    errors += sum(int(n) for n in re.findall(r"^\s+\[(\d+)\]\s+Get ", out, flags=re.M))
    return rate, p50, p95, p99, errors


def _field(pattern: str, text: str) -> str:
    found = re.search(pattern, text)
    if found is None:
        raise SystemExit(f"unexpected output from hey (no {pattern!r}):\n{text}")
    return found[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--concurrency", type=int, nargs="+", default=list(CONCURRENCY))
    parser.add_argument("--page-cache-bytes", type=int, help="WORLDBRIEF_PAGE_CACHE_BYTES")
    parser.add_argument("--database-url", help="WORLDBRIEF_DATABASE_URL (default: SQLite)")
    args = parser.parse_args()
    extra = {}
    if args.page_cache_bytes is not None:
        extra["WORLDBRIEF_PAGE_CACHE_BYTES"] = str(args.page_cache_bytes)
    if args.database_url:
        extra["WORLDBRIEF_DATABASE_URL"] = args.database_url
    if shutil.which("hey") is None:
        raise SystemExit("hey is not installed: apt-get install hey")
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="worldbrief-load-"))
    print(f"{os.cpu_count()} cores; data dir {data_dir}; {args.seconds} s per run; {extra}")
    header = ("workers", "path", "c", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "load")
    print("{:>7} {:<28} {:>3} {:>8} {:>8} {:>8} {:>8} {:>6}  {}".format(*header))
    for workers in args.workers:
        process, url = start(data_dir, workers, extra)
        try:
            paths = ["/", an_article_path(url), SEARCH]
            for path in paths:
                for concurrency in args.concurrency:
                    before = os.getloadavg()[0]
                    rate, p50, p95, p99, errors = hey(url + path, concurrency, args.seconds)
                    load = f"{before:.1f}-{os.getloadavg()[0]:.1f}"
                    label = path if len(path) <= 28 else path[:25] + "..."
                    print(f"{workers:>7} {label:<28} {concurrency:>3} {rate:>8.1f} {p50:>8.1f} "
                          f"{p95:>8.1f} {p99:>8.1f} {errors:>6}  {load}", flush=True)  # fmt: skip
        finally:
            stop(process)


if __name__ == "__main__":
    main()
