"""How alerts reach a reader: their mail settings, the mails sent, a webhook's health.

See ``docs/alerts.md`` (delivery).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from worldbrief.domain.watchlists import Alert, Watchlist


class MailingKind(enum.StrEnum):
    IMMEDIATE = "immediate"
    DAILY = "daily"
    WEEKLY = "weekly"


@dataclass(frozen=True, slots=True)
class ReaderSettings:
    """A reader's time zone (IANA name) and quiet hours, in minutes after local midnight.

    Quiet hours may span midnight (22:00 to 07:00); none when either end is None."""

    time_zone: str = "UTC"
    quiet_start: int | None = None
    quiet_end: int | None = None

    @property
    def has_quiet_hours(self) -> bool:
        return (
            self.quiet_start is not None
            and self.quiet_end is not None
            and self.quiet_start != self.quiet_end
        )


@dataclass(frozen=True, slots=True)
class QueuedAlert:
    """An alert waiting on a channel, with its watchlist (and the owner's email for mail)."""

    alert: Alert
    watchlist: Watchlist
    attempts: int = 0  # webhook attempts so far


@dataclass(frozen=True, slots=True)
class WebhookHealth:
    failures: int = 0  # consecutive failed attempts
    last_error: str | None = None
    disabled_at: datetime | None = None
    disabled_reason: str | None = None

    @property
    def disabled(self) -> bool:
        return self.disabled_at is not None
