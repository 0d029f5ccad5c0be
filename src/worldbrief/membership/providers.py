"""How paid subscriptions arrive from a payment provider, without knowing any provider.

An adapter for a provider (its webhook endpoint, signature check, event parsing) turns each
payment event into one call here. Payments themselves are out of scope.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from worldbrief.domain.account import Subscription


class SubscriptionProvider(Protocol):
    """Applies a provider's events to the accounts it pays for."""

    def grant(
        self,
        account_email: str,
        plan_id: str,
        starts_at: datetime,
        ends_at: datetime,
        reference: str,
    ) -> Subscription:
        """Record that ``account_email`` paid for ``plan_id`` over ``[starts_at, ends_at)``.

        ``reference`` is the provider's id for the subscription or payment: the same event
        delivered twice (webhooks retry) updates one subscription instead of adding another.
        """
        ...
