"""Rows of the desk tables as domain objects, and drafts as row values."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import RowMapping

from worldbrief.domain.article import AccessLevel, ArticleType, Author
from worldbrief.domain.draft import Draft, DraftContent, DraftStatus, Revision, draft_snapshot


def draft_values(draft: Draft) -> dict[str, Any]:
    """Every column but ``id`` (and ``created_*``, which never change after creation): the
    revision snapshot's values, with the times as the columns keep them rather than as text."""
    return draft_snapshot(draft) | {"publish_at": draft.publish_at, "updated_at": draft.updated_at}


def draft_of(row: RowMapping) -> Draft:
    content = DraftContent(
        title=row["title"],
        body=row["body"],
        type=ArticleType(row["type"]),
        teaser=row["teaser"],
        authors=tuple(Author(a["name"], a.get("role")) for a in row["authors"]),
        countries=tuple(row["countries"]),
        access=AccessLevel(row["access"]),
        media_url=row["media_url"],
    )
    return Draft(
        id=int(row["id"]),
        content=content,
        status=DraftStatus(row["status"]),
        created_by=row["created_by"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        article_id=row["article_id"],
        publish_at=row["publish_at"],
        note=row["note"],
    )


def revision_of(row: RowMapping) -> Revision:
    return Revision(
        draft_id=int(row["draft_id"]),
        number=int(row["number"]),
        saved_by=row["saved_by"],
        saved_at=row["saved_at"],
        snapshot=dict(row["snapshot"]),
        note=row["note"],
    )
