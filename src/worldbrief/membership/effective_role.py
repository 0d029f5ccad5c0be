"""What an account acts as right now: its stored role, lifted to member by an active
subscription, or an anonymous reader when the account is disabled. Pure: no clock, no store."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from worldbrief.domain.account import Account, Role, Subscription
from worldbrief.membership.roles import ANONYMOUS, Viewer


def active_subscription(
    subscriptions: Iterable[Subscription], now: datetime
) -> Subscription | None:
    """The active subscription that runs longest, or None."""
    active = [s for s in subscriptions if s.active_at(now)]
    return max(active, key=lambda s: s.ends_at) if active else None


def membership_ends(subscriptions: Iterable[Subscription], now: datetime) -> datetime | None:
    """When membership active at ``now`` ends, following renewals that start before (or as)
    the previous one ends; None when not a member now."""
    current = active_subscription(subscriptions, now)
    if current is None:
        return None
    end = current.ends_at
    for later in sorted(subscriptions, key=lambda s: s.starts_at):
        if later.starts_at <= end < later.ends_at:
            end = later.ends_at
    return end


def effective_role(account: Account, subscriptions: Iterable[Subscription], now: datetime) -> Role:
    if account.disabled:
        return Role.READER
    if account.role is Role.REGISTERED and active_subscription(subscriptions, now) is not None:
        return Role.MEMBER
    return account.role


def viewer_for(account: Account, subscriptions: Iterable[Subscription], now: datetime) -> Viewer:
    """The viewer the paywall sees for ``account`` at ``now``; ``subscriptions`` are its own."""
    role = effective_role(account, subscriptions, now)
    return ANONYMOUS if role is Role.READER else Viewer(role=role, email=account.email)
