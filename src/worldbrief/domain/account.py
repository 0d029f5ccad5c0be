"""Accounts and what they hold: a role, API tokens, subscriptions to plans; and the audit log.

Roles live here (re-exported by ``membership.roles``) so the domain imports nothing of ours.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class Role(enum.StrEnum):
    READER = "reader"  # anonymous
    REGISTERED = "registered"
    MEMBER = "member"
    ANALYST = "analyst"
    EDITOR = "editor"
    ADMIN = "admin"


# An account is stored with one of these; ``member`` comes only from an active subscription and
# ``reader`` is the anonymous visitor, so neither is ever stored.
ACCOUNT_ROLES = (Role.REGISTERED, Role.ANALYST, Role.EDITOR, Role.ADMIN)
STAFF_ROLES = frozenset({Role.ANALYST, Role.EDITOR, Role.ADMIN})


class PlanPeriod(enum.StrEnum):
    MONTH = "month"
    YEAR = "year"


class SubscriptionSource(enum.StrEnum):
    ADMIN = "admin"  # granted by hand (`worldbrief users grant`)
    PROVIDER = "provider"  # applied from a payment provider's event


@dataclass(frozen=True, slots=True)
class Account:
    id: int
    email: str  # normalised: trimmed, lower-case
    role: Role
    disabled: bool
    created_at: datetime  # UTC, timezone-aware
    last_login_at: datetime | None


@dataclass(frozen=True, slots=True)
class ApiToken:
    """A token's public record; its secret is shown once at creation and stored only hashed."""

    id: int
    account_id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


@dataclass(frozen=True, slots=True)
class Plan:
    id: str
    name: str
    price_cents: int
    currency: str  # ISO 4217, upper-case
    period: PlanPeriod


@dataclass(frozen=True, slots=True)
class Subscription:
    """Membership from ``starts_at`` (inclusive) to ``ends_at`` (exclusive)."""

    id: int
    account_id: int
    plan_id: str
    starts_at: datetime
    ends_at: datetime
    source: SubscriptionSource
    reference: str | None = None  # the provider's id for it, so a redelivered event is no copy

    def active_at(self, moment: datetime) -> bool:
        return self.starts_at <= moment < self.ends_at


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One entry of the append-only audit log; ``seq`` grows with every entry."""

    seq: int
    at: datetime
    actor: str  # who did it: "cli:<os user>", "account:<email>", "provider:<name>"
    action: str  # e.g. "account.created", "token.revoked"
    subject: str  # what it was done to, usually an email
    detail: str
