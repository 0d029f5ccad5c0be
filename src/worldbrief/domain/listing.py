"""Value types of reading and writing articles, shared by every layer: list filters, listing
pages and their cursors, article headlines, upsert outcomes and change-log entries."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from worldbrief.domain.article import AccessLevel, ArticleType, Source
from worldbrief.domain.article_head import ArticleHead
from worldbrief.domain.geo import CountryMention, RegionMention

UpsertStatus = Literal["created", "updated", "unchanged", "rejected"]
ChangeOp = Literal["upsert", "delete"]


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """What ``list_articles`` returns: AND across kinds, OR within one kind.

    ``countries`` match focus countries only; ``date_from``/``date_to`` are inclusive bounds on
    ``published_at``. Results come newest first.
    """

    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    types: tuple[ArticleType | str, ...] = ()
    access: AccessLevel | str | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None
    limit: int = 20
    offset: int = 0

    def __post_init__(self) -> None:
        if self.limit < 0:
            raise ValueError(f"ArticleFilter.limit must be 0 or more, got {self.limit}")
        if self.offset < 0:
            raise ValueError(f"ArticleFilter.offset must be 0 or more, got {self.offset}")
        for name in ("countries", "regions", "types"):
            if isinstance(getattr(self, name), str):
                raise ValueError(f"ArticleFilter.{name} must be a tuple of values, not a string")


Direction = Literal["older", "newer"]
MAX_LISTING_SIZE = 100
MAX_FILTER_VALUES = 50  # of one kind (countries, regions or types) in one listing
_CURSOR_MAX = 1024


class CursorError(ValueError):
    """A listing cursor that this store did not issue, or that was altered."""


@dataclass(frozen=True, slots=True)
class ListingCursor:
    """Where a listing page starts: the articles ``older`` (or ``newer``) than the one published
    at ``published_at`` with id ``article_id``, in the order (published_at, id)."""

    published_at: datetime
    article_id: str
    direction: Direction = "older"

    def encode(self) -> str:
        """An opaque, URL-safe token."""
        stamp = self.published_at.astimezone(UTC).isoformat()
        plain = f"{self.direction[0]}{stamp}|{self.article_id}".encode()
        return base64.urlsafe_b64encode(plain).decode("ascii").rstrip("=")

    @classmethod
    def decode(cls, token: str) -> ListingCursor:
        """The cursor ``encode`` gave; CursorError for anything else."""
        if not token or len(token) > _CURSOR_MAX:
            raise CursorError("the cursor is empty or too long")
        try:
            plain = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("utf-8")
            stamp, article_id = plain[1:].split("|", 1)
            published_at = datetime.fromisoformat(stamp)
        except (binascii.Error, UnicodeDecodeError, ValueError):
            raise CursorError("the cursor is not one this site issued") from None
        direction = {"o": "older", "n": "newer"}.get(plain[0])
        if direction is None or published_at.tzinfo is None or not article_id:
            raise CursorError("the cursor is not one this site issued")
        return cls(published_at.astimezone(UTC), article_id, direction)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class ListingQuery:
    """One page of a newest-first listing: AND across kinds, OR within one kind; ``countries``
    match focus countries only; ``date_from``/``date_to`` are inclusive. Without ``cursor``, the
    newest page. Every page costs an index range, whatever the store's size."""

    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    types: tuple[ArticleType, ...] = ()
    access: AccessLevel | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None
    limit: int = 20
    cursor: ListingCursor | None = None

    def __post_init__(self) -> None:
        # Labels and values are taken as the API takes them; an unknown one is a ValueError.
        if not isinstance(self.types, str):
            object.__setattr__(self, "types", tuple(ArticleType.parse(t) for t in self.types))
        if self.access is not None:
            object.__setattr__(self, "access", AccessLevel.parse(self.access))
        if not 1 <= self.limit <= MAX_LISTING_SIZE:
            raise ValueError(f"limit must be 1 to {MAX_LISTING_SIZE}, got {self.limit}")
        for name in ("countries", "regions", "types"):
            values = getattr(self, name)
            if isinstance(values, str):
                raise ValueError(f"ListingQuery.{name} must be a tuple of values, not a string")
            if len(set(values)) > MAX_FILTER_VALUES:
                raise ValueError(f"at most {MAX_FILTER_VALUES} {name} at once, got {len(values)}")


@dataclass(frozen=True, slots=True)
class ListingPage:
    """Article ids newest first; ``older``/``newer`` start the neighbouring pages (None when there
    is none)."""

    ids: tuple[str, ...]
    older: ListingCursor | None
    newer: ListingCursor | None


@dataclass(frozen=True, slots=True)
class ArticleHeadline(ArticleHead):
    """What a list or a card shows of an article, read without its body, places, entities or
    evidence: ``countries`` are its focus countries only, without evidence spans."""

    countries: tuple[CountryMention, ...]
    regions: tuple[RegionMention, ...]
    reading_minutes: int
    source: Source
    duplicate_of: str | None

    @property
    def focus_countries(self) -> tuple[CountryMention, ...]:
        return tuple(c for c in self.countries if c.focus)


@dataclass(frozen=True, slots=True)
class UpsertOutcome:
    """What happened to one article of a batch. ``seq`` is its change-log entry (created or
    updated); ``error`` says why a rejected article was not stored."""

    article_id: str
    status: UpsertStatus
    seq: int | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Change:
    """One change-log entry: article ``article_id`` was written (``upsert``) or deleted."""

    seq: int
    article_id: str
    op: ChangeOp
