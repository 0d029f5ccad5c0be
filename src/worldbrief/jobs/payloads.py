"""Documents as JSON, to travel in a queued job's arguments and come back unchanged."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from worldbrief.domain import RawDocument
from worldbrief.domain.article import AccessLevel, ArticleType, Author, BodyFormat


def document_to_json(document: RawDocument) -> dict[str, Any]:
    return {
        "location": document.location,
        "title": document.title,
        "body": document.body,
        "body_format": document.body_format.value,
        "external_id": document.external_id,
        "url": document.url,
        "teaser": document.teaser,
        "type": document.type.value if document.type else None,
        "authors": [[a.name, a.role] for a in document.authors],
        "published_at": _when(document.published_at),
        "updated_at": _when(document.updated_at),
        "source_name": document.source_name,
        "feed_url": document.feed_url,
        "language": document.language,
        "access": document.access.value if document.access else None,
        "media_url": document.media_url,
        "metadata": document.metadata,
    }


def document_from_json(data: dict[str, Any]) -> RawDocument:
    return RawDocument(
        location=data["location"],
        title=data["title"],
        body=data["body"],
        body_format=BodyFormat(data["body_format"]),
        external_id=data["external_id"],
        url=data["url"],
        teaser=data["teaser"],
        type=ArticleType(data["type"]) if data["type"] else None,
        authors=tuple(Author(name, role) for name, role in data["authors"]),
        published_at=_parsed(data["published_at"]),
        updated_at=_parsed(data["updated_at"]),
        source_name=data["source_name"],
        feed_url=data["feed_url"],
        language=data["language"],
        access=AccessLevel(data["access"]) if data["access"] else None,
        media_url=data["media_url"],
        metadata=data["metadata"],
    )


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _parsed(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text is not None else None
