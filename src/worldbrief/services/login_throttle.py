"""The sign-in rate limit, kept in the store so every process of the site shares it.

Failures count per email and per client IP; once either has ``max_failures`` within the window,
sign-in answers 429 until the oldest of them leaves the window.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from worldbrief.config import Settings
from worldbrief.domain.audit import AuditNote
from worldbrief.store import SessionStore


@dataclass(frozen=True, slots=True)
class LoginThrottle:
    sessions: SessionStore
    max_failures: int
    window: timedelta

    @classmethod
    def from_settings(cls, sessions: SessionStore, settings: Settings) -> LoginThrottle:
        window = timedelta(minutes=settings.login_window_minutes)
        return cls(sessions, settings.login_max_failures, window)

    def retry_after(self, keys: tuple[str, ...], now: datetime) -> int | None:
        """Seconds until any of ``keys`` may try again, or None when none is limited."""
        waits = []
        for key in keys:
            failures = self.sessions.failures_since(key, now - self.window)
            if len(failures) >= self.max_failures:
                freed_at = failures[-self.max_failures] + self.window
                waits.append(max(1, math.ceil((freed_at - now).total_seconds())))
        return max(waits, default=None)

    def record_failure(self, keys: tuple[str, ...], now: datetime, note: AuditNote) -> None:
        self.sessions.record_failure(keys, now, note)

    def forget(self, key: str, now: datetime) -> None:
        """After a success: the email's failures are forgiven; old rows are swept too."""
        self.sessions.clear_failures(key, before=now - self.window)


def throttle_keys(email: str, client_ip: str) -> tuple[str, ...]:
    return (f"email:{email.strip().lower()}", f"ip:{client_ip}")
