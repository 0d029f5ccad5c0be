"""How a reader starts a paid subscription and how its payments arrive, without knowing any
provider.

A provider has two halves. ``SubscriptionCheckout`` is the one a reader meets: it says where to
send them to pay for a plan. ``SubscriptionProvider`` is the one that reports back: an adapter
(its webhook endpoint, signature check, event parsing) turns each payment event into one call.
Payments themselves are out of scope.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from worldbrief.domain.account import Plan, Subscription


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


class SubscriptionCheckout(Protocol):
    """Where a signed-in reader goes to pay for a plan (a provider's hosted checkout)."""

    def start_subscription(self, account_email: str, plan: Plan, return_url: str) -> str:
        """The absolute URL of the provider's checkout for ``plan``, paid by ``account_email``;
        the provider sends the reader back to ``return_url`` when done. Its webhook then
        reports the payment through a ``SubscriptionProvider``."""
        ...
