"""The editorial desk's drafts: an article being written, reviewed and published, and its
revisions (every save, with who and when)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from worldbrief.domain.article import AccessLevel, ArticleType, Author


class DraftStatus(enum.StrEnum):
    DRAFT = "draft"  # being written (or sent back with a note)
    SUBMITTED = "submitted"  # waiting for an editor
    SCHEDULED = "scheduled"  # to be published at ``publish_at``
    PUBLISHED = "published"
    REJECTED = "rejected"  # kept for the record; sent-back drafts return to ``draft``


@dataclass(frozen=True, slots=True)
class DraftContent:
    """What the writer controls: everything the published article is built from."""

    title: str
    body: str  # Markdown
    type: ArticleType = ArticleType.ANALYSIS
    teaser: str = ""
    authors: tuple[Author, ...] = ()
    countries: tuple[str, ...] = ()  # ISO alpha-2 codes chosen by the analyst
    access: AccessLevel = AccessLevel.FREE
    media_url: str | None = None  # a dispatch's video or audio


@dataclass(frozen=True, slots=True)
class Draft:
    id: int
    content: DraftContent
    status: DraftStatus
    created_by: str  # the email of the account that created it
    created_at: datetime
    updated_at: datetime
    article_id: str | None = None  # set once published
    publish_at: datetime | None = None  # when a scheduled draft goes out
    note: str = ""  # the editor's note when sent back


@dataclass(frozen=True, slots=True)
class Revision:
    draft_id: int
    number: int  # 1, 2, ... per draft
    saved_by: str
    saved_at: datetime
    snapshot: dict[str, Any]  # the draft as saved (``draft_snapshot``)
    note: str = ""


def draft_snapshot(draft: Draft) -> dict[str, Any]:
    """The draft as JSON-ready values, kept with each revision."""
    content = draft.content
    return {
        "status": draft.status.value,
        "title": content.title,
        "body": content.body,
        "type": content.type.value,
        "teaser": content.teaser,
        "authors": [{"name": a.name, "role": a.role} for a in content.authors],
        "countries": list(content.countries),
        "access": content.access.value,
        "media_url": content.media_url,
        "publish_at": draft.publish_at.isoformat() if draft.publish_at else None,
        "article_id": draft.article_id,
        "note": draft.note,
    }
