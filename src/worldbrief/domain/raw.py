"""What an ingest reader yields before normalisation and enrichment."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from worldbrief.domain.article import AccessLevel, ArticleType, Author, BodyFormat


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A document as read from a file, URL or feed entry, with only what the source told us.

    ``location`` names where it came from (``path:line``, a URL) for error reports.
    """

    location: str
    title: str
    body: str
    body_format: BodyFormat = BodyFormat.TEXT
    external_id: str | None = None
    url: str | None = None
    teaser: str | None = None
    type: ArticleType | None = None
    authors: tuple[Author, ...] = ()
    published_at: datetime | None = None
    updated_at: datetime | None = None
    source_name: str | None = None
    feed_url: str | None = None
    language: str | None = None
    access: AccessLevel | None = None
    media_url: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RejectedRecord:
    """A record that could not be read: where it is and why, so the batch can go on.

    A reason may quote the hostile value that caused it, so it is cut to ``MAX_REASON`` characters.
    """

    location: str
    reason: str

    MAX_REASON: ClassVar[int] = 1000

    def __post_init__(self) -> None:
        if len(self.reason) > self.MAX_REASON:
            object.__setattr__(self, "reason", self.reason[: self.MAX_REASON - 1] + "…")
