"""Browsing a store larger than one page: Older/Newer links, API cursors and kept counts, on
SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import lxml.html
import pytest
from fastapi.testclient import TestClient

from worldbrief.config import Settings
from worldbrief.domain import (
    AccessLevel,
    Article,
    ArticleType,
    BodyFormat,
    CountryMention,
    Enrichment,
    RegionMention,
)
from worldbrief.services.platform import Platform, open_platform
from worldbrief.web.app import create_app

KZ_ARTICLES = 45
START = datetime(2024, 1, 1, 8, 0, tzinfo=UTC)


def story(number: int, code: str = "KZ", kind: ArticleType = ArticleType.NEWS) -> Article:
    name = {"KZ": "Kazakhstan", "UZ": "Uzbekistan"}[code]
    return Article(
        id=f"{code.lower()}-{number:03d}",
        type=kind,
        title=f"{name} story {number}",
        body=f"Report {number} from {name}.",
        body_format=BodyFormat.MARKDOWN,
        plain_text=f"{name} story {number}\n\nReport {number} from {name}.",
        published_at=START + timedelta(hours=number),
        access=AccessLevel.FREE,
        content_hash=f"hash-{code}-{number}",
        enrichment=Enrichment(
            language="en",
            reading_minutes=1,
            countries=(CountryMention(code, name, 0.9, True),),
            regions=(RegionMention("central-asia", "Central Asia"),),
        ),
    )


@pytest.fixture
def site(store_url: str, tmp_path: Path) -> Iterator[tuple[TestClient, Platform]]:
    settings = Settings(data_dir=tmp_path / "data", database_url=store_url)
    platform = open_platform(settings)
    platform.store.upsert_articles(
        [story(n) for n in range(KZ_ARTICLES)]
        + [story(n, "UZ", ArticleType.ANALYSIS) for n in range(3)]
    )
    try:
        with TestClient(create_app(settings, platform)) as client:
            yield client, platform
    finally:
        platform.close()


def cards_and_links(client: TestClient, url: str) -> tuple[list[str], dict[str, str]]:
    answer = client.get(url)
    assert answer.status_code == 200, answer.text
    doc = lxml.html.fromstring(answer.text)
    titles = [
        " ".join(h.text_content().split()) for h in doc.xpath("//ol[@class='article-list']//h3")
    ]
    links = {
        a.get("rel") or a.text_content().strip(): a.get("href")
        for a in doc.xpath('//nav[@aria-label="Pages"]//a')
    }
    return titles, links


def test_a_country_page_walks_every_article_older_and_back_newer(
    site: tuple[TestClient, Platform],
) -> None:
    client, _ = site
    first, links = cards_and_links(client, "/countries/kz")
    assert len(first) == 20 and first[0] == f"Kazakhstan story {KZ_ARTICLES - 1}"
    assert "prev" not in links and "Latest" not in links
    assert f"{KZ_ARTICLES} articles" in client.get("/countries/kz").text
    second, second_links = cards_and_links(client, links["next"])
    third, third_links = cards_and_links(client, second_links["next"])
    assert "next" not in third_links and third_links["Latest"] == "/countries/kz"
    seen = first + second + third
    assert seen == [f"Kazakhstan story {n}" for n in reversed(range(KZ_ARTICLES))]
    back, _ = cards_and_links(client, third_links["prev"])
    assert back == second
    newest, _ = cards_and_links(client, second_links["prev"])
    assert newest == first


def test_a_region_page_lists_both_countries_with_their_kept_counts(
    site: tuple[TestClient, Platform],
) -> None:
    client, platform = site
    titles, _ = cards_and_links(client, "/regions/central-asia")
    assert titles[0] == f"Kazakhstan story {KZ_ARTICLES - 1}"
    assert f"{KZ_ARTICLES + 3} articles" in client.get("/regions/central-asia").text
    platform.store.delete("uz-000")
    regions = client.get("/api/regions").json()
    counts = {
        c["code"]: c["article_count"]
        for r in regions
        for node in [r, *r["children"]]
        for c in node["countries"]
    }
    assert counts["KZ"] == KZ_ARTICLES and counts["UZ"] == 2


def test_the_api_pages_by_cursor_and_refuses_offsets(site: tuple[TestClient, Platform]) -> None:
    client, _ = site
    seen: list[str] = []
    answer = client.get("/api/articles", params={"country": "kz"}).json()
    assert answer["total"] == KZ_ARTICLES and answer["prev_cursor"] is None
    pages = [answer]
    while answer["next_cursor"]:
        answer = client.get(
            "/api/articles", params={"country": "kz", "cursor": answer["next_cursor"]}
        ).json()
        pages.append(answer)
    seen = [a["id"] for page in pages for a in page["articles"]]
    assert seen == [f"kz-{n:03d}" for n in reversed(range(KZ_ARTICLES))]
    back = client.get(
        "/api/articles", params={"country": "kz", "cursor": pages[2]["prev_cursor"]}
    ).json()
    assert back["articles"] == pages[1]["articles"]
    both = client.get("/api/articles", params=[("country", "KZ"), ("country", "UZ")]).json()
    assert both["total"] is None and len(both["articles"]) == 20
    refused = client.get("/api/articles", params={"offset": 20})
    assert refused.status_code == 400 and "cursor" in refused.json()["detail"]


def test_the_home_page_sections_follow_the_types_stored(site: tuple[TestClient, Platform]) -> None:
    client, _ = site
    doc = lxml.html.fromstring(client.get("/").text)
    headings = [h.text_content().strip() for h in doc.xpath("//h2[@class='section-heading']")]
    assert headings == ["Latest", "Analysis", "News"]
