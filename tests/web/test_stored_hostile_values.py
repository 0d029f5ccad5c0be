"""Articles stored before the ingest rules (or by another tool) may carry hostile values: every
surface still serves only http(s) links and text that XML 1.0 can carry.

The articles go straight into a real store (no ingest validation), on each store backend.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import lxml.etree  # type: ignore[import-untyped]  # lxml ships no type stubs
import lxml.html  # type: ignore[import-untyped]
import pytest
from fastapi.testclient import TestClient

from worldbrief.config import Settings
from worldbrief.domain import (
    AccessLevel,
    Article,
    ArticleType,
    Author,
    BodyFormat,
    CountryMention,
    Enrichment,
    RegionMention,
    Source,
)
from worldbrief.services.platform import Platform, open_platform
from worldbrief.text.characters import has_forbidden_characters
from worldbrief.text.urls import safe_http_url
from worldbrief.web.app import create_app
from worldbrief.web.views import article_url

HOSTILE_URLS = {
    "js": "javascript:alert(1)",
    "js-caps": "JaVaScRiPt:alert(2)",
    "js-control": "\x01\x08javascript:alert(3)",
    "js-tab": "\tjavascript:alert(4)",
    "data": "data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==",
    "data-space": " data:video/mp4;base64,AAAA",
    "vbscript": "vbscript:msgbox(6)",
    "vbscript-control": "\x1f\x0bvbscript:msgbox(7)",
    "relative-js": "java\nscript:alert(8)",
}
GOOD_MEDIA = "https://media.example.org/clips/caspian.mp4"
GOOD_SOURCE = "https://news.example.org/caspian-story"
# Characters XML 1.0 forbids; each stored title, teaser, body and author carries some.
DIRTY = "\x1b[31m\x01\uffff\ufffe\x0b\x0c\x7f"
DIRTY_TITLE = f"Caspian{DIRTY} ledger report"
CLEAN_TITLE = "Caspian[31m\x7f ledger report"  # ESC, SOH, U+FFFF/U+FFFE, VT and FF go; DEL stays
_KZ = (CountryMention("KZ", "Kazakhstan", 0.9, True),)
_CENTRAL_ASIA = (RegionMention("central-asia", "Central Asia"),)


def _article(
    article_id: str,
    title: str,
    *,
    body: str = "Tanker traffic on the Caspian rose again this week.",
    teaser: str = "Tanker traffic rose.",
    media_url: str | None = None,
    source: Source | None = None,
    authors: tuple[Author, ...] = (Author("Dana Whitfield", "Eurasia Analyst"),),
    access: AccessLevel = AccessLevel.FREE,
    published: str = "2024-05-01T12:00:00",
) -> Article:
    return Article(
        id=article_id,
        type=ArticleType.DISPATCH,
        title=title,
        body=body,
        body_format=BodyFormat.MARKDOWN,
        plain_text=f"{title}\n\n{body}",
        published_at=datetime.fromisoformat(published).replace(tzinfo=UTC),
        teaser=teaser,
        authors=authors,
        source=source or Source(),
        access=access,
        media_url=media_url,
        enrichment=Enrichment(countries=_KZ, regions=_CENTRAL_ASIA),
    )


def _hostile_articles() -> list[Article]:
    articles = [
        _article(
            f"url-{name}",
            f"Hostile link {name}",
            media_url=url,
            source=Source(name=f"Wire {name}", url=url, feed_url=url),
        )
        for name, url in HOSTILE_URLS.items()
    ]
    articles.append(
        _article(
            "url-good",
            "Good link",
            media_url=GOOD_MEDIA,
            source=Source(name="Good wire", url=GOOD_SOURCE, feed_url=GOOD_SOURCE + "/feed"),
        )
    )
    articles.append(
        _article(
            "dirty",
            DIRTY_TITLE,
            body=f"Tanker{DIRTY} traffic on the Caspian rose.\n\nPorts{DIRTY} were busy.",
            teaser=f"Tanker{DIRTY} traffic rose.",
            authors=(Author(f"Ana{DIRTY} Petrova", f"Analyst{DIRTY}"),),
            source=Source(name=f"Wire{DIRTY}"),
            published="2024-06-01T12:00:00",
        )
    )
    articles.append(
        _article(
            "dirty-members",
            f"Members{DIRTY} caspian brief",
            body=f"Tanker{DIRTY} traffic on the Caspian is locked.",
            teaser=f"Locked{DIRTY} teaser.",
            access=AccessLevel.MEMBERS,
            published="2024-06-02T12:00:00",
        )
    )
    return articles


@pytest.fixture
def platform(tmp_path: Path, store_url: str) -> Iterator[Platform]:
    opened = open_platform(Settings(data_dir=tmp_path / "data", database_url=store_url))
    opened.store.upsert_articles(_hostile_articles())
    yield opened
    opened.close()


@pytest.fixture
def client(platform: Platform) -> Iterator[TestClient]:
    with TestClient(create_app(platform.settings, platform)) as test_client:  # indexes them
        yield test_client


def _linked_urls(html: str) -> list[str]:
    tree = lxml.html.fromstring(html)
    return [
        value
        for element in tree.iter()
        if isinstance(element.tag, str)
        for name, value in element.attrib.items()
        if name in {"href", "src", "poster", "action", "formaction", "data"}
    ]


def _is_served_safely(url: str) -> bool:
    """A same-site path or fragment, or an absolute http(s) URL: nothing a browser could run."""
    same_site = url.startswith(("/", "#")) and not url.startswith("//")
    return same_site or safe_http_url(url) == url


@pytest.mark.parametrize("name", HOSTILE_URLS)
def test_the_article_page_never_links_or_plays_a_hostile_url(client: TestClient, name: str) -> None:
    page = client.get(article_url(f"url-{name}", f"Hostile link {name}"))
    assert page.status_code == 200
    assert [url for url in _linked_urls(page.text) if not _is_served_safely(url)] == []
    tree = lxml.html.fromstring(page.text)
    assert tree.xpath("//video | //audio") == []
    assert "Transcript" not in page.text
    assert f"Wire {name}" in page.text  # the source is still named, just not linked
    for scheme in ("javascript:", "vbscript:", "data:text", "data:video"):
        assert scheme not in page.text.lower()


def test_a_safe_media_and_source_url_are_still_played_and_linked(client: TestClient) -> None:
    page = client.get(article_url("url-good", "Good link"))
    tree = lxml.html.fromstring(page.text)
    assert tree.xpath("//video/@src") == [GOOD_MEDIA]
    assert GOOD_SOURCE in tree.xpath("//p[@class='source']/a/@href")


@pytest.mark.parametrize("name", HOSTILE_URLS)
def test_the_api_serves_no_hostile_url(client: TestClient, name: str) -> None:
    one = client.get(f"/api/articles/url-{name}").json()
    assert one["media_url"] is None
    assert one["source"] == {"name": f"Wire {name}", "url": None, "feed_url": None}
    listed = client.get("/api/articles", params={"limit": 100}).json()["articles"]
    country = client.get("/api/countries/kz").json()["latest"]
    for summary in [s for s in listed + country if s["id"] == f"url-{name}"]:
        assert summary["source"]["url"] is None and summary["source"]["feed_url"] is None
    for export_format in ("jsonl", "csv"):
        exported = client.get("/api/export", params={"q": "hostile", "format": export_format})
        assert f"url-{name}" in exported.text
        assert HOSTILE_URLS[name].strip() not in exported.text


def test_the_api_keeps_safe_urls(client: TestClient) -> None:
    one = client.get("/api/articles/url-good").json()
    assert one["media_url"] == GOOD_MEDIA
    assert one["source"]["url"] == GOOD_SOURCE
    assert one["source"]["feed_url"] == GOOD_SOURCE + "/feed"


def _every_served_text(client: TestClient) -> dict[str, str]:
    return {
        "home": client.get("/").text,
        "country page": client.get("/countries/kz").text,
        "region page": client.get("/regions/central-asia").text,
        "search page": client.get("/search", params={"q": "caspian"}).text,
        "article page": client.get(article_url("dirty", DIRTY_TITLE)).text,
        "locked page": client.get(article_url("dirty-members", "Members caspian brief")).text,
        "latest feed": client.get("/feeds/latest.atom").text,
        "search feed": client.get("/feeds/search.atom", params={"q": "caspian"}).text,
        "country feed": client.get("/feeds/countries/kz.atom").text,
        "region feed": client.get("/feeds/regions/central-asia.atom").text,
        "csv export": client.get("/api/export", params={"q": "caspian", "format": "csv"}).text,
    }


def test_no_surface_serves_a_character_xml_forbids(client: TestClient) -> None:
    for surface, text in _every_served_text(client).items():
        assert not has_forbidden_characters(text), surface
        assert "ledger report" in text or surface in {"locked page"}, surface


@pytest.mark.parametrize(
    "path",
    [
        "/feeds/latest.atom",
        "/feeds/search.atom?q=caspian",
        "/feeds/countries/kz.atom",
        "/feeds/regions/central-asia.atom",
    ],
)
def test_every_feed_parses_as_strict_xml(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    feed = lxml.etree.fromstring(response.content)  # strict: raises on a forbidden character
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = feed.xpath("//a:entry/a:title/text()", namespaces=ns)
    assert CLEAN_TITLE in titles
    dirty = feed.xpath("//a:entry[a:title='" + CLEAN_TITLE + "']", namespaces=ns)[0]
    assert dirty.xpath("a:author/a:name/text()", namespaces=ns) == [
        "Ana[31m\x7f Petrova, Analyst[31m\x7f"
    ]
    assert dirty.xpath("a:summary/text()", namespaces=ns) == ["Tanker[31m\x7f traffic rose."]
    assert "Ports[31m\x7f were busy" in dirty.xpath("a:content/text()", namespaces=ns)[0]
    for href in feed.xpath("//@href"):
        assert _is_served_safely(href) or href.startswith("http://testserver"), href


def test_exports_carry_clean_text(client: TestClient) -> None:
    lines = client.get("/api/export", params={"q": "caspian"}).text.splitlines()
    rows: list[dict[str, Any]] = [json.loads(line) for line in lines]
    dirty = next(row for row in rows if row["id"] == "dirty")
    assert dirty["title"] == CLEAN_TITLE
    assert dirty["authors"] == "Ana[31m\x7f Petrova"
    assert "Ports[31m\x7f were busy" in dirty["text"]
    for row in rows:
        assert not any(has_forbidden_characters(str(value)) for value in row.values()), row["id"]
    table = list(csv.DictReader(io.StringIO(client.get("/api/export?q=caspian&format=csv").text)))
    assert next(row for row in table if row["id"] == "dirty")["title"] == CLEAN_TITLE


def test_the_json_api_serves_clean_display_text(client: TestClient) -> None:
    one = client.get("/api/articles/dirty").json()
    assert one["title"] == CLEAN_TITLE
    assert one["teaser"] == "Tanker[31m\x7f traffic rose."
    assert one["authors"] == [{"name": "Ana[31m\x7f Petrova", "role": "Analyst[31m\x7f"}]
    assert one["source"]["name"] == "Wire[31m\x7f"
    assert not has_forbidden_characters(one["body_html"])
    found = client.get("/api/search", params={"q": "ledger"}).json()
    assert [hit["title"] for hit in found["hits"]] == [CLEAN_TITLE]
    assert not has_forbidden_characters(json.dumps(found, ensure_ascii=False))
    summaries = client.get("/api/articles", params={"limit": 100}).json()["articles"]
    assert CLEAN_TITLE in [s["title"] for s in summaries]
