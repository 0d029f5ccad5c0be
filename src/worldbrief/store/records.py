"""Small value types of the store API: list filters, upsert outcomes and change-log entries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from worldbrief.domain import AccessLevel, ArticleType

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
