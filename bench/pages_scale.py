"""Latency of every reader surface over a served store, one client, as the store grows.

    .venv/bin/python bench/pages_scale.py DATA_DIR [--requests 60] [--database-url URL]
        [--only feed] [--place-body-chars 0]

Starts `worldbrief serve` on a free loopback port against DATA_DIR (and the PostgreSQL store at
``--database-url`` if given), then times sequential requests of each surface: the home page
(also for the largest region), /regions, the largest region's and country's pages and their
second page (by cursor), article pages spread over the whole date range, the search page,
/api/search with and without filters, /api/articles (first and a later page) and the Atom
feeds. Each request carries a query parameter of its own so that no response cache answers it:
the figures are the work of answering, not of remembering an answer. The article page is timed
twice: over forty articles read again and again (their rendered bodies and topic profiles kept,
as for the day's stories) and as first readings, each article read once and never before in the
server. Country and region pages
keep their rendered body per store change sequence; ``--place-body-chars 0`` measures them
rendered on every request, as after each write. Prints p50 and p95 per
surface, the server's mean CPU time per request (which other load on the machine barely
changes; on PostgreSQL the database server's own CPU is not in it), and the store's size.
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
from collections.abc import Callable
from datetime import date, timedelta
from itertools import count, cycle
from pathlib import Path
from urllib.parse import quote

import httpx

WORDS = ["oil", "trade deficit", "central bank", "wheat exports", "crude oil output", "gold"]
_serial = count()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def cpu_ms(pid: int) -> float:
    """CPU time (user + system) the process has used so far, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def uncached(url: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}bench={next(_serial)}"


def get(client: httpx.Client, url: str, *, follow: bool = False) -> httpx.Response:
    """GET, once more if the server closed a kept-alive connection just as it was reused."""
    try:
        return client.get(url, follow_redirects=follow)
    except (httpx.ReadError, httpx.RemoteProtocolError):
        return client.get(url, follow_redirects=follow)


def timed(client: httpx.Client, url: str) -> float:
    target = uncached(url)
    started = time.perf_counter()
    response = get(client, target)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{target} answered {response.status_code}: {response.text[:200]}")
    return elapsed


def wait_for(client: httpx.Client, server: subprocess.Popen[bytes]) -> None:
    for _ in range(600):
        if server.poll() is not None:
            raise SystemExit(f"worldbrief serve exited with {server.returncode}")
        try:
            get(client, "/api/regions")
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("worldbrief serve did not answer within two minutes")


def spread_ids(client: httpx.Client, rng: random.Random, wanted: int) -> list[str]:
    """Article ids from random days over the stored years (newest first from each day)."""
    newest = get(client, "/api/articles?limit=1").json()["articles"]
    if not newest:
        raise SystemExit("the store holds no articles")
    last = date.fromisoformat(newest[0]["published_at"][:10])
    ids: list[str] = []
    for _ in range(wanted):
        day = last - timedelta(days=rng.randrange(3650))
        found = get(client, f"/api/articles?to={day.isoformat()}&limit=5").json()["articles"]
        ids.extend(a["id"] for a in found[:1])
    return ids or [newest[0]["id"]]


def largest(nodes: list[dict[str, object]]) -> tuple[str, str]:
    """(largest top region id, largest country code) by article count."""
    top = max(nodes, key=lambda n: int(str(n["article_count"])))
    countries: list[dict[str, object]] = []

    def walk(node: dict[str, object]) -> None:
        countries.extend(node["countries"])  # type: ignore[arg-type]
        for child in node["children"]:  # type: ignore[attr-defined]
            walk(child)

    for node in nodes:
        walk(node)
    country = max(countries, key=lambda c: int(str(c["article_count"])))
    return str(top["id"]), str(country["code"])


def second_page(client: httpx.Client, path: str) -> str:
    """The URL of the Older link on ``path``'s first page."""
    page = get(client, path).text
    marker = 'rel="next"'
    end = page.find(marker)
    start = page.rfind('href="', 0, end) + len('href="')
    return page[start : page.find('"', start)].replace("&amp;", "&") if end > 0 else path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--database-url", help="a PostgreSQL store instead of DATA_DIR's SQLite")
    parser.add_argument("--only", help="time only the surfaces whose label has this, e.g. feed")
    parser.add_argument(
        "--place-body-chars",
        type=int,
        help="WORLDBRIEF_PLACE_BODY_CACHE_CHARS (0: country and region pages rendered every time)",
    )
    args = parser.parse_args()
    data_dir = Path(args.data_dir).resolve()
    env = dict(os.environ, WORLDBRIEF_DATA_DIR=str(data_dir))
    if args.database_url:
        env["WORLDBRIEF_DATABASE_URL"] = args.database_url
    if args.place_body_chars is not None:
        env["WORLDBRIEF_PLACE_BODY_CACHE_CHARS"] = str(args.place_body_chars)
    port = free_port()
    worldbrief = Path(sys.executable).with_name("worldbrief")
    server = subprocess.Popen(
        [str(worldbrief), "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    rng = random.Random(7)
    results: list[tuple[str, list[float], float]] = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=300) as client:
            wait_for(client, server)
            total = get(client, "/api/articles?limit=1").json()["total"]
            region, country = largest(get(client, "/api/regions").json())
            ids = spread_ids(client, rng, 40)
            # Articles read once each, never before in this server: nothing of theirs is kept
            # (a store too small to have enough goes round them again).
            fresh = dict.fromkeys(spread_ids(client, rng, 3 * args.requests))
            unread = cycle([i for i in fresh if i not in ids] or ids)
            code = country.lower()
            country_older = second_page(client, f"/countries/{code}")
            region_older = second_page(client, f"/regions/{region}")
            cursor = get(client, "/api/articles?limit=20").json()["next_cursor"]

            def word() -> str:
                return quote(rng.choice(WORDS))

            def article() -> str:
                return f"/articles/{quote(rng.choice(ids), safe='')}/x"  # 301 to the slug

            def first_reading() -> str:
                return f"/articles/{quote(next(unread), safe='')}/x"

            surfaces: list[tuple[str, Callable[[], str]]] = [
                ("home", lambda: "/"),
                (f"home ?region={region}", lambda: f"/?region={region}"),
                ("/regions", lambda: "/regions"),
                (f"/regions/{region}", lambda: f"/regions/{region}"),
                (f"/regions/{region} older", lambda: region_older),
                (f"/countries/{code}", lambda: f"/countries/{code}"),
                (f"/countries/{code} older", lambda: country_older),
                (f"/api/countries/{code}/places", lambda: f"/api/countries/{code}/places"),
                (f"/api/countries/{code}/timeline", lambda: f"/api/countries/{code}/timeline"),
                ("article page", article),
                ("article page, first reading", first_reading),
                ("/search page", lambda: f"/search?q={word()}"),
                ("/api/search", lambda: f"/api/search?q={word()}"),
                (
                    "/api/search + filters",
                    lambda: f"/api/search?q={word()}&country={country}&type=news",
                ),
                ("/api/articles", lambda: "/api/articles"),
                ("/api/articles older", lambda: f"/api/articles?cursor={cursor}"),
                (f"/api/articles ?country={country}", lambda: f"/api/articles?country={country}"),
                ("feed latest", lambda: "/feeds/latest.atom"),
                ("feed region", lambda: f"/feeds/regions/{region}.atom"),
                ("feed country", lambda: f"/feeds/countries/{code}.atom"),
                ("feed search", lambda: f"/feeds/search.atom?q={word()}"),
            ]
            if args.only:
                surfaces = [(label, url) for label, url in surfaces if args.only in label]
            for label, url in surfaces:
                follow = label.startswith("article page")
                for _ in range(3):  # warm-up, as a running server would be
                    get(client, uncached(url()), follow=follow)
                values = []
                cpu = 0.0
                for _ in range(args.requests):
                    target = url()
                    if follow:
                        target = str(get(client, target).headers.get("location", target))
                    before = cpu_ms(server.pid)
                    values.append(timed(client, target))
                    cpu += cpu_ms(server.pid) - before
                results.append((label, values, cpu / args.requests))
    finally:
        server.terminate()
        server.wait(timeout=30)
    backend = "PostgreSQL" if args.database_url else "SQLite"
    print(f"{total:,} articles, {backend}; {args.requests} sequential requests per surface")
    print(f"{'surface':34} {'p50':>10} {'p95':>10} {'server CPU':>12}")
    for label, values, cpu in results:
        p50, p95 = statistics.median(values), percentile(values, 0.95)
        print(f"{label:34} {p50:7.1f} ms {p95:7.1f} ms {cpu:9.1f} ms")
    if not args.database_url:
        for name in ("worldbrief.db", "index"):
            path = data_dir / name
            size = (
                sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
                if path.is_dir()
                else path.stat().st_size
            )
            print(f"{name}: {size / 2**20:,.0f} MiB")


if __name__ == "__main__":
    main()
