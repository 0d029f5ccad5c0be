"""What a reader's browser downloads for the country and region pages of the demo, plain and
gzip-compressed: the HTML, every script, style and image it names, and the data its script
reads (the world map, the country's division outlines and the JSON of places, events and
weeks). Counts bytes; times nothing.

    .venv/bin/python bench/page_weight.py
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import lxml.html
from fastapi.testclient import TestClient

from worldbrief.config import Settings
from worldbrief.services.demo import load_demo_if_empty
from worldbrief.services.platform import open_platform
from worldbrief.web.app import create_app

PAGES = ["/countries/kz", "/regions/central-asia", "/"]


def assets_of(html: str) -> list[str]:
    tree = lxml.html.fromstring(html)
    urls = [e.get("src") for e in tree.iter("script", "img") if e.get("src")]
    urls += [e.get("href") for e in tree.iter("link") if e.get("rel") in ("stylesheet", "icon")]
    data = ("data-atlas", "data-places", "data-events", "data-divisions", "data-timeline")
    for element in tree.iter():
        urls += [element.get(a) for a in data]
    return [u for u in urls if u]


def size(client: TestClient, url: str, compressed: bool) -> int:
    headers = {"Accept-Encoding": "gzip" if compressed else "identity"}
    with client.stream("GET", url, headers=headers) as answer:
        return sum(len(chunk) for chunk in answer.iter_raw())


def main() -> int:
    with tempfile.TemporaryDirectory() as data:
        platform = open_platform(Settings(data_dir=Path(data)))
        load_demo_if_empty(platform)
        with TestClient(create_app(platform.settings, platform)) as client:
            for page in PAGES:
                html = client.get(page).text
                urls = [page, *assets_of(html)]
                rows = [(u, size(client, u, False), size(client, u, True)) for u in urls]
                print(f"\n{page}")
                for url, plain, packed in rows:
                    name = re.sub(r"\?v=\w+$", "", url)
                    print(f"  {name:60} {plain / 1000:8.1f} kB {packed / 1000:8.1f} kB gzip")
                plain_total = sum(r[1] for r in rows)
                packed_total = sum(r[2] for r in rows)
                totals = f"{plain_total / 1000:8.1f} kB {packed_total / 1000:8.1f} kB gzip"
                print(f"  {'total':60} {totals}")
        platform.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
