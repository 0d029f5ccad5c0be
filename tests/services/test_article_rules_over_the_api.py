"""`POST /api/articles` passes the same edge rules as files and feeds (``build_article``): a bad
value is a 422 naming the field, never a 500, and text is cleaned before it is stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from worldbrief.config import Settings
from worldbrief.services.platform import Platform, open_platform
from worldbrief.web.app import create_app

TOKEN = "edge-rules-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
BODY = "Kazakhstan plans to raise oil output from fields near Aktau on the Caspian coast."


@pytest.fixture
def api(tmp_path: Path, store_url: str) -> Iterator[tuple[TestClient, Platform]]:
    settings = Settings(
        data_dir=tmp_path / "data",
        database_url=store_url,
        api_write_token=TOKEN,
        max_document_bytes=20_000,
    )
    platform = open_platform(settings)
    with TestClient(create_app(settings, platform), raise_server_exceptions=False) as client:
        yield client, platform
    platform.close()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"published_at": "9999-12-31T23:00:00-05:00"}, "published_at"),
        ({"published_at": "0001-01-01T00:00:00+05:00"}, "published_at"),
        ({"published_at": "1500-01-01T00:00:00Z"}, "published_at"),
        ({"media_url": "javascript:alert(1)"}, "media_url"),
        ({"url": f"https://{'a' * 64}.example/story"}, "url"),
        ({"body": "word " * 5000}, "max_document_bytes"),
        ({"body": "<div>" * 3000 + "x", "body_format": "html"}, "more than 200 deep"),
    ],
)
def test_a_bad_value_is_a_422_naming_the_field(
    api: tuple[TestClient, Platform], extra: dict[str, Any], field: str
) -> None:
    client, platform = api
    answer = client.post(
        "/api/articles", json={"title": "Caspian", "body": BODY, **extra}, headers=AUTH
    )
    assert answer.status_code == 422, answer.text
    assert field in answer.json()["detail"]
    assert platform.store.count() == 0


def test_text_no_store_can_hold_is_cleaned(api: tuple[TestClient, Platform]) -> None:
    client, platform = api
    payload = {
        "title": "Caspian\x00 plans",
        "body": BODY + "\x00\x1b",
        "teaser": "Oil\x00",
        "authors": [{"name": "Dana\x00 Whitfield", "role": "Analyst\x07"}],
    }
    answer = client.post("/api/articles", json=payload, headers=AUTH)
    assert answer.status_code == 201, answer.text
    article = platform.store.get(answer.json()["id"])
    assert article is not None
    assert (article.title, article.teaser) == ("Caspian plans", "Oil")
    assert article.body == BODY
    assert (article.authors[0].name, article.authors[0].role) == ("Dana Whitfield", "Analyst")
    assert platform.index.document_count() == 1
