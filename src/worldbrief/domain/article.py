"""The article: what is published, how it may be read, and what we learned about it."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from worldbrief.domain.entities import NamedEntity
from worldbrief.domain.events import EventMention
from worldbrief.domain.geo import CountryMention, PlaceMention, RegionMention


class ArticleType(enum.StrEnum):
    ANALYSIS = "analysis"
    DISPATCH = "dispatch"
    ASSESSMENT = "assessment"
    SITUATION_REPORT = "situation-report"
    FORECAST = "forecast"
    COLUMN = "column"
    NEWS = "news"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").title()

    @classmethod
    def parse(cls, value: str) -> ArticleType:
        """Accept the value, its label, or common spellings ("Situation Report", "sitrep")."""
        key = value.strip().lower().replace("_", "-").replace(" ", "-")
        if key in {"sitrep", "situation"}:
            key = "situation-report"
        try:
            return cls(key)
        except ValueError:
            allowed = ", ".join(t.value for t in cls)
            # The value is not repeated: the message reaches pages and API answers.
            raise ValueError(f"unknown article type; expected one of {allowed}") from None


class AccessLevel(enum.StrEnum):
    FREE = "free"
    MEMBERS = "members"

    @classmethod
    def parse(cls, value: str) -> AccessLevel:
        key = value.strip().lower()
        if key in {"member", "members-only", "paid", "premium", "subscribers"}:
            key = "members"
        if key in {"public", "open"}:
            key = "free"
        try:
            return cls(key)
        except ValueError:
            raise ValueError("unknown access level; expected free or members") from None


class BodyFormat(enum.StrEnum):
    MARKDOWN = "markdown"
    HTML = "html"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Author:
    name: str
    role: str | None = None  # e.g. "Eurasia Analyst"


@dataclass(frozen=True, slots=True)
class Source:
    """Where an article came from: a publication, its URL and the feed that brought it."""

    name: str | None = None
    url: str | None = None
    feed_url: str | None = None


@dataclass(frozen=True, slots=True)
class Enrichment:
    """Everything the pipeline derived from the text. Offsets are into ``Article.plain_text``."""

    language: str | None = None
    reading_minutes: int = 1
    countries: tuple[CountryMention, ...] = ()
    regions: tuple[RegionMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    # Organisations, armed groups, parties, state forces and people (the ``entities`` stage).
    entities: tuple[NamedEntity, ...] = ()
    # MinHash LSH band keys of the body (sorted, distinct): articles sharing one may be copies.
    near_duplicate_keys: tuple[int, ...] = ()
    # What happened, where, when and who: the main event first (the ``events`` stage).
    events: tuple[EventMention, ...] = ()

    @property
    def focus_countries(self) -> tuple[CountryMention, ...]:
        return tuple(c for c in self.countries if c.focus)


@dataclass(frozen=True, slots=True)
class Article:
    """One published piece. ``body`` is Markdown, sanitised HTML or plain text (``body_format``);
    ``plain_text`` is the text the enrichment offsets refer to (title, blank line, body text)."""

    id: str
    type: ArticleType
    title: str
    body: str
    body_format: BodyFormat
    plain_text: str
    published_at: datetime  # UTC, timezone-aware
    teaser: str = ""
    updated_at: datetime | None = None
    authors: tuple[Author, ...] = ()
    source: Source = field(default_factory=Source)
    access: AccessLevel = AccessLevel.FREE
    media_url: str | None = None  # a dispatch's video or audio; its body is the transcript
    content_hash: str = ""
    duplicate_of: str | None = None  # the earlier article this one near-duplicates
    metadata: dict[str, Any] = field(default_factory=dict)
    enrichment: Enrichment = field(default_factory=Enrichment)
