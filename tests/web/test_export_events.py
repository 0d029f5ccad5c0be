"""`/api/export` carries each article's entities and events; an event's evidence sentences are
the article's text, so they reach only a viewer who may read it."""

from __future__ import annotations

import csv
import io
import json

from fastapi.testclient import TestClient


def _rows(client: TestClient) -> list[dict[str, object]]:
    return [json.loads(line) for line in client.get("/api/export").text.splitlines()]


def test_articles_come_with_their_entities_and_events(client: TestClient) -> None:
    rows = _rows(client)
    with_events = [r for r in rows if r["events"]]
    assert with_events, "the demo articles report events"
    assert any(r["entities"] for r in rows)
    event = with_events[0]["events"][0]  # type: ignore[index]
    assert {"type", "subtype", "date", "place", "actors", "fatalities", "evidence"} <= set(event)
    for row in rows:
        for entity in row["entities"]:  # type: ignore[attr-defined]
            assert set(entity) == {"id", "name", "type", "countries"}


def test_evidence_follows_the_paywall(client: TestClient) -> None:
    rows = [r for r in _rows(client) if r["events"]]
    locked = [r for r in rows if r["locked"]]
    readable = [r for r in rows if not r["locked"]]
    assert locked and readable, "the demo has members-only and free articles with events"
    for row in locked:
        assert all(e["evidence"] == [] for e in row["events"])  # type: ignore[attr-defined]
    for row in readable:
        for event in row["events"]:  # type: ignore[attr-defined]
            assert event["evidence"]
            assert all(
                sentence in f"{row['title']}\n\n{row['text']}" for sentence in event["evidence"]
            )


def test_csv_summarises_entities_and_events(client: TestClient) -> None:
    table = client.get("/api/export", params={"format": "csv"}).text
    rows = list(csv.DictReader(io.StringIO(table)))
    assert {"entities", "events"} <= set(rows[0])
    assert any(r["events"] for r in rows) and any(r["entities"] for r in rows)
