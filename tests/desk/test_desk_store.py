"""Drafts and revisions round-trip through the store on every backend."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from worldbrief.domain import AccessLevel, ArticleType, Author
from worldbrief.domain.draft import Draft, DraftContent, DraftStatus
from worldbrief.store import ArticleStore, DeskStore, DraftNotFoundError

NOW = datetime(2025, 3, 15, 9, 30, tzinfo=UTC)


def _draft() -> Draft:
    content = DraftContent(
        title="Grain corridor talks",
        body="Officials in **Kyiv** and Ankara met.",
        type=ArticleType.DISPATCH,
        teaser="Talks resume.",
        authors=(Author("Ana Ruiz", "Eurasia Analyst"), Author("Bo Li")),
        countries=("UA", "TR"),
        access=AccessLevel.MEMBERS,
        media_url="https://media.example.org/talks.mp3",
    )
    return Draft(0, content, DraftStatus.DRAFT, "ana@example.org", NOW, NOW)


def test_draft_round_trip_with_revisions(store: ArticleStore) -> None:
    desk = DeskStore.alongside(store)
    created = desk.create(_draft(), "ana@example.org", "first version")
    assert created.id > 0
    assert desk.get(created.id) == created

    later = NOW + timedelta(hours=1)
    scheduled = dataclasses.replace(
        created, status=DraftStatus.SCHEDULED, publish_at=later, updated_at=later
    )
    desk.save(scheduled, "ed@example.org", "scheduled")
    assert desk.get(created.id) == scheduled

    revisions = desk.revisions(created.id)
    assert [(r.number, r.saved_by, r.note) for r in revisions] == [
        (1, "ana@example.org", "first version"),
        (2, "ed@example.org", "scheduled"),
    ]
    assert revisions[0].snapshot["authors"][0] == {"name": "Ana Ruiz", "role": "Eurasia Analyst"}
    assert revisions[1].snapshot["status"] == "scheduled"
    assert revisions[1].saved_at == later

    assert desk.due(later - timedelta(seconds=1)) == []
    assert [d.id for d in desk.due(later)] == [created.id]
    assert [d.id for d in desk.drafts(status=DraftStatus.SCHEDULED)] == [created.id]
    assert desk.drafts(status=DraftStatus.DRAFT) == []
    assert desk.drafts(created_by="someone@example.org") == []


def test_missing_draft_is_named(store: ArticleStore) -> None:
    desk = DeskStore.alongside(store)
    with pytest.raises(DraftNotFoundError, match="no draft with id 42"):
        desk.get(42)
    with pytest.raises(DraftNotFoundError):
        desk.save(dataclasses.replace(_draft(), id=42), "x@example.org")
