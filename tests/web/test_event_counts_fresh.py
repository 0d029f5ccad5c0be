"""``/api/events`` answers with the counts of the store as it is: the counts kept between writes
(``services.event_facet_cache``) and the shared page cache both follow a write at once, for
another page of the same query and for the same URL. On SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import worldbrief.enrich.events  # noqa: F401  (registers the stage and its tables)
from contract.conftest import build_article
from worldbrief.config import Settings
from worldbrief.domain import Article, PlaceMention, Span
from worldbrief.domain.events import DatePrecision, EventMention
from worldbrief.services.platform import Platform, open_platform
from worldbrief.web.app import create_app

AKTAU = PlaceMention(0, 4, "Aktau", "Aktau", 610612, 43.65, 51.17, "KZ", "Mangghystau", "P.PPLA")
ALMATY = PlaceMention(0, 6, "Almaty", "Almaty", 1526384, 43.25, 76.95, "KZ", "Almaty", "P.PPLA")


def _protest(article_id: str, day: date, place: PlaceMention) -> Article:
    article: Article = build_article(article_id, published=datetime(2024, 3, 20, tzinfo=UTC))
    report = EventMention(
        type="Protests",
        subtype="Peaceful protest",
        confidence=0.7,
        evidence=(Span(0, 10),),
        date=day,
        date_precision=DatePrecision.DAY,
        place=place,
    )
    enrichment = dataclasses.replace(article.enrichment, events=(report,))
    return dataclasses.replace(article, enrichment=enrichment)


@pytest.fixture
def served(store_url: str, tmp_path: Path) -> Iterator[tuple[TestClient, Platform]]:
    settings = Settings(data_dir=tmp_path / "data", database_url=store_url)
    platform = open_platform(settings)
    platform.store.upsert_articles([_protest("a", date(2024, 3, 2), AKTAU)])
    try:
        with TestClient(create_app(settings, platform)) as client:
            yield client, platform
    finally:
        platform.close()


def _counts(client: TestClient, **params: str) -> tuple[int | None, dict[str, int]]:
    answer = client.get("/api/events", params=params)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    return body["total"], {f["value"]: f["count"] for f in body["facets"]["month"]}


def test_counts_follow_each_write_on_every_page_and_url(
    served: tuple[TestClient, Platform],
) -> None:
    client, platform = served
    assert _counts(client) == (1, {"2024-03": 1})
    assert _counts(client, limit="5") == (1, {"2024-03": 1})

    platform.store.upsert_articles([_protest("b", date(2024, 2, 10), ALMATY)])
    expected = (2, {"2024-03": 1, "2024-02": 1})
    assert _counts(client) == expected  # the URL answered before
    assert _counts(client, limit="5") == expected
    assert _counts(client, limit="7") == expected  # a URL not asked before

    platform.store.delete("a")
    assert _counts(client) == (1, {"2024-02": 1})
    assert _counts(client, country="kz", limit="3") == (1, {"2024-02": 1})
