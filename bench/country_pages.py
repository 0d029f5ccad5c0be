"""Country and region pages with their events, over the Reuters dev file plus the demo.

    .venv/bin/python bench/country_pages.py DATA_DIR [--requests 60] [--database-url URL]

When the store at DATA_DIR is empty it is first filled: the demo corpus, then the Reuters dev
file (``../shared/data/reuters21578/dev.jsonl``) with the default stages, events linked as they
are stored. Then, in process, the trend readings of every country with events (one read of
weekly counts for all of them, then the rules per country; ``country_arrows``) are timed,
and `worldbrief serve` is started on a free loopback port to time sequential requests of the
country page (the countries with most events, and Kazakhstan), its JSON (events for the map,
timeline), and a region page. Each request carries a query parameter of its own so that no
cache answers it. Prints p50 and p95 per surface, the server's mean CPU per request, and the
weight of Kazakhstan's page: its HTML and each asset, as sent gzip-compressed.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import httpx

from pages_scale import cpu_ms, free_port, get, percentile, timed, wait_for
from worldbrief.config import Settings
from worldbrief.services.country_events import country_arrows, judged_week
from worldbrief.services.demo import load_demo_if_empty
from worldbrief.services.ingest import ingest_sources
from worldbrief.services.platform import open_platform
from worldbrief.store.event_tallies import EventTallies

REUTERS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "reuters21578"


def build(settings: Settings) -> None:
    platform = open_platform(settings)
    try:
        if platform.store.count() > 0:
            return
        started = time.perf_counter()
        demo = load_demo_if_empty(platform)
        reuters = ingest_sources(platform, [str(REUTERS / "dev.jsonl")])
        print(
            f"built            demo {demo.created if demo else 0} + Reuters {reuters.created} "
            f"articles in {time.perf_counter() - started:.0f} s"
        )
    finally:
        platform.close()


def trend_timing(settings: Settings) -> list[str]:
    """Countries with most events over the whole record, after timing every country's trend."""
    platform = open_platform(settings)
    try:
        week = judged_week(date.today())
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            readings = country_arrows(platform, None, week)
            runs.append((time.perf_counter() - started) * 1000)
        # Which countries have the most events at all (the pages worth timing), over 20 years.
        tallies = EventTallies.alongside(platform.store)
        counted = tallies.country_weeks(date(1980, 1, 7), date(1999, 12, 27), None)
        counted |= tallies.country_weeks(date(2000, 1, 3), date(2026, 12, 28), None)
        per_country: dict[str, int] = {}
        for (code, _), n in counted.items():
            if code:  # events placed in a sea or a region have no country
                per_country[code] = per_country.get(code, 0) + n
        print(f"events stored    {sum(per_country.values())} in {len(per_country)} countries")
        print(
            f"trend, every country with events in the last year ({len(readings)}): "
            f"median {statistics.median(runs):.1f} ms, worst {max(runs):.1f} ms of 5 runs"
        )
        # The same rules for every country with events in any year, judged at the last week
        # of the Reuters wire (1987), where its events are.
        started = time.perf_counter()
        old = country_arrows(platform, None, date(1987, 10, 19))
        print(
            f"trend, every country with events in the year to 19 Oct 1987 ({len(old)}): "
            f"{(time.perf_counter() - started) * 1000:.1f} ms"
        )
        ranked = sorted(per_country, key=lambda c: -per_country[c])
        return ranked[:4]
    finally:
        platform.close()


def weight(client: httpx.Client, path: str) -> None:
    page = get(client, path)
    html = page.content
    assets = sorted(set(re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text)))
    print(f"page weight of {path} (bytes as sent gzip-compressed / uncompressed):")
    total_gz = len(gzip.compress(html))
    print(f"  {'HTML':58} {len(gzip.compress(html)):>8} / {len(html):>8}")
    fetched = list(assets)
    # The scripts fetch the world atlas and three JSON answers after the page loads.
    atlas = re.search(r'data-atlas="([^"]+)"', page.text)
    if atlas:
        fetched.append(atlas.group(1))
    for name in ("data-places", "data-events", "data-timeline"):
        found = re.search(rf'{name}="([^"]+)"', page.text)
        if found:
            fetched.append(found.group(1).replace("&amp;", "&"))
    for url in fetched:
        raw = get(client, url).content
        packed = len(gzip.compress(raw)) if not url.endswith((".png", ".webm")) else len(raw)
        total_gz += packed
        print(f"  {url[:58]:58} {packed:>8} / {len(raw):>8}")
    print(f"  {'total':58} {total_gz:>8}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--database-url", help="a PostgreSQL store instead of DATA_DIR's SQLite")
    args = parser.parse_args()
    data_dir = Path(args.data_dir).resolve()
    settings = Settings(data_dir=data_dir, database_url=args.database_url)
    build(settings)
    busiest = trend_timing(settings)
    env = dict(os.environ, WORLDBRIEF_DATA_DIR=str(data_dir))
    if args.database_url:
        env["WORLDBRIEF_DATABASE_URL"] = args.database_url
    port = free_port()
    worldbrief = Path(sys.executable).with_name("worldbrief")
    server = subprocess.Popen(
        [str(worldbrief), "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    codes = [c.lower() for c in busiest if c.lower() != "kz"] + ["kz"]
    surfaces = [(f"/countries/{c}", f"/countries/{c}") for c in codes]
    surfaces += [
        ("/api/countries/{code}/events", f"/api/countries/{codes[0]}/events"),
        ("/api/countries/{code}/timeline", f"/api/countries/{codes[0]}/timeline"),
        ("/regions/central-asia", "/regions/central-asia?to=2026-11-29"),
        ("/regions/north-america", "/regions/north-america"),
    ]
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=300) as client:
            wait_for(client, server)
            print(f"{'surface':40} {'p50 ms':>8} {'p95 ms':>8} {'cpu ms':>8}")
            for label, url in surfaces:
                for _ in range(3):  # warm the process and the database pages
                    timed(client, url)
                before = cpu_ms(server.pid)
                times = [timed(client, url) for _ in range(args.requests)]
                cpu = (cpu_ms(server.pid) - before) / args.requests
                p50 = statistics.median(times)
                print(
                    f"{label + ' ' + url.split('/')[2][:12]:40} {p50:8.1f} "
                    f"{percentile(times, 0.95):8.1f} {cpu:8.1f}"
                )
            weight(client, "/countries/kz")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
