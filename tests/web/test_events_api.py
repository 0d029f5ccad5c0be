"""``/api/events`` on SQLite and PostgreSQL: distinct events newest first, filtered, paged by
the cursor it hands out; one event with its sources; clear refusals."""

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
from worldbrief.domain.events import ActorRole, ActorType, DatePrecision, EventActor, EventMention
from worldbrief.services.platform import open_platform
from worldbrief.web.app import create_app

TEXT = "Title\n\nTroops and rebels clashed near Goma. Two soldiers died."
GOMA = PlaceMention(38, 42, "Goma", "Goma", 215605, -1.68, 29.22, "CD", "North Kivu", "P.PPLA")


def _report(day: int, subtype: str = "Armed clash", kind: str = "Battles") -> EventMention:
    return EventMention(
        type=kind,
        subtype=subtype,
        confidence=0.7,
        evidence=(Span(7, 43),),
        date=date(2024, 3, day),
        date_precision=DatePrecision.DAY,
        place=GOMA,
        actors=(EventActor("troops", ActorRole.ACTOR1, ActorType.STATE_FORCES),),
        fatalities=2,
    )


def _article(article_id: str, *reports: EventMention) -> Article:
    article = build_article(
        article_id, published=datetime(2024, 3, 20, tzinfo=UTC), plain_text=TEXT
    )
    return dataclasses.replace(
        article, enrichment=dataclasses.replace(article.enrichment, events=reports)
    )


@pytest.fixture
def client(store_url: str, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path / "data", database_url=store_url)
    platform = open_platform(settings)
    platform.store.upsert_articles(
        [
            _article("a", _report(2), _report(10, "Peaceful protest", "Protests")),
            _article("b", _report(2)),  # the same clash as "a" reports
            _article("c", _report(6)),
            _article("d", _report(14)),
        ]
    )
    try:
        with TestClient(create_app(settings, platform)) as test_client:
            yield test_client
    finally:
        platform.close()


def test_events_are_listed_newest_first_and_paged(client: TestClient) -> None:
    first = client.get("/api/events", params={"country": "cd", "limit": 2}).json()
    assert [(e["date"], e["subtype"]) for e in first["events"]] == [
        ("2024-03-14", "Armed clash"),
        ("2024-03-10", "Peaceful protest"),
    ]
    rest = client.get(first["next_url"]).json()
    assert [(e["date"], e["source_count"]) for e in rest["events"]] == [
        ("2024-03-06", 1),
        ("2024-03-02", 2),
    ]
    assert rest["next_cursor"] is None and rest["next_url"] is None


def test_events_are_filtered_by_type_subtype_and_dates(client: TestClient) -> None:
    def dates(**params: str) -> list[str]:
        return [e["date"] for e in client.get("/api/events", params=params).json()["events"]]

    assert dates(type="Protests") == ["2024-03-10"]
    assert dates(subtype="Armed clash", **{"from": "2024-03-03", "to": "2024-03-13"}) == [
        "2024-03-06"
    ]
    assert dates(country="KZ") == []


def test_an_event_with_its_sources(client: TestClient) -> None:
    listed = client.get("/api/events", params={"to": "2024-03-02"}).json()["events"]
    [event] = listed
    detail = client.get(event["url"]).json()
    assert detail["source_count"] == 2 and detail["place"]["admin1"] == "North Kivu"
    assert [s["article_id"] for s in detail["sources"]] == ["a", "b"]
    assert detail["sources"][0]["sentences"] == ["Troops and rebels clashed near Goma."]
    assert detail["actors"] == [{"name": "troops", "type": "state forces", "entity_id": None}]


def test_unknown_events_and_foreign_cursors_are_refused_by_name(client: TestClient) -> None:
    missing = client.get("/api/events/ev-unknown")
    assert missing.status_code == 404 and missing.json()["detail"] == "no such event"
    bad = client.get("/api/events", params={"cursor": "last-tuesday"})
    assert bad.status_code == 400 and "cursor" in bad.text and "last-tuesday" not in bad.text
    assert client.get("/api/events", params={"country": "Congo"}).status_code == 422
