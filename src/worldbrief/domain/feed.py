"""A subscribed RSS/Atom feed and what its polling has taught us so far."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Feed:
    """One feed the platform polls. ``etag`` and ``last_modified`` come from the last good
    response and make the next poll conditional; failures count up until a poll succeeds."""

    url: str
    title: str | None
    etag: str | None
    last_modified: str | None
    added_at: datetime  # UTC, timezone-aware
    last_polled_at: datetime | None
    last_success_at: datetime | None
    last_error: str | None
    consecutive_failures: int
    entries_ingested: int

    @property
    def healthy(self) -> bool:
        return self.consecutive_failures == 0
