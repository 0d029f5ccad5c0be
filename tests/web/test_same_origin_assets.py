"""Every page loads its scripts, styles, images and media from this site only: no CDN, no tile
server, no font host. Each asset a page names is served here, with the licence files of the
vendored libraries beside them."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
from fastapi.testclient import TestClient

from worldbrief.web.templating import static_dir

# Every kind of page a reader can open without signing in (others redirect to /login).
PAGES = [
    "/",
    "/?region=eurasia",
    "/regions",
    "/regions/central-asia",
    "/regions/eurasia",
    "/countries/kz",
    "/countries/kz?from=2011-01-01&to=2012-12-31",
    "/countries/aq",  # no articles: the empty states
    "/search",
    "/search?q=gas",
    "/login",
    "/signup",
    "/reset",
    "/subscribe",
    "/account",
    "/desk",
    "/docs",
    "/articles/no-such-article",
]
ASSET_ATTRIBUTES = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
}


def page_paths(client: TestClient) -> list[str]:
    """The pages above, and one free and one members-only article."""
    articles = [
        client.get("/api/articles", params={"access": access, "limit": 1}).json()["articles"][0]
        for access in ("free", "members")
    ]
    return PAGES + [urlsplit(a["url"]).path for a in articles]


def asset_urls(html: str) -> list[str]:
    tree = lxml.html.fromstring(html)
    found = []
    for tag, attributes in ASSET_ATTRIBUTES.items():
        for element in tree.iter(tag):
            if tag == "link" and element.get("rel") in ("alternate", "canonical", "next", "prev"):
                continue  # links to documents, not assets the page loads
            for attribute in attributes:
                value = element.get(attribute)
                if value:
                    found.extend(part.strip().split(" ")[0] for part in value.split(","))
    return found


def test_every_page_loads_assets_from_this_origin_only(client: TestClient) -> None:
    checked = 0
    for path in page_paths(client):
        answer = client.get(path, follow_redirects=True)
        if "text/html" not in answer.headers.get("content-type", ""):
            continue
        for url in asset_urls(answer.text):
            parts = urlsplit(url)
            assert not parts.scheme and not parts.netloc, f"{path} loads {url}"
            assert client.get(url).status_code == 200, f"{path} names {url}, not served"
            checked += 1
    assert checked > 20


def test_the_country_page_names_its_map_and_chart_libraries(client: TestClient) -> None:
    urls = asset_urls(client.get("/countries/kz").text)
    for library in ("leaflet.js", "leaflet.markercluster.js", "uPlot.iife.min.js", "maps.js"):
        assert any(library in u for u in urls), library


@pytest.mark.parametrize(
    ("directory", "licence"),
    [
        ("leaflet", "LICENSE"),
        ("leaflet.markercluster", "MIT-LICENCE.txt"),
        ("uplot", "LICENSE"),
        ("topojson-client", "LICENSE"),
        ("world-atlas", "LICENSE"),
    ],
)
def test_each_vendored_library_ships_its_licence(directory: str, licence: str) -> None:
    vendor = Path(static_dir()) / "vendor"
    assert (vendor / directory / licence).stat().st_size > 300
    assert directory in (vendor / "README.md").read_text(encoding="utf-8")
