"""Use case: a reader sees the plans on offer and starts a subscription.

The plans come from the membership store; starting one goes through the configured
``SubscriptionCheckout`` (a provider's hosted checkout). With none configured the offer says
whom to write to instead, so the page is never a dead end.
"""

from __future__ import annotations

from dataclasses import dataclass

from worldbrief.config import Settings
from worldbrief.domain.account import Account, Plan, PlanPeriod
from worldbrief.membership.errors import MembershipInputError
from worldbrief.membership.payment_link import PaymentLinkCheckout
from worldbrief.membership.providers import SubscriptionCheckout
from worldbrief.services.accounts import accounts_of
from worldbrief.services.platform import Platform

_PERIOD_LABELS = {PlanPeriod.MONTH: "per month", PlanPeriod.YEAR: "per year"}
# What any plan opens; plans differ in price and period only (entitlements.py decides access).
MEMBER_BENEFITS = (
    "Every analysis, forecast, column and dispatch in full, members-only pieces included",
    "The evidence behind each country tag: the sentences that place a story on the map",
    "Search across the full text of every article, and the full text in the API and exports "
    "with your own API tokens",
)


class CheckoutUnavailableError(Exception):
    """No checkout is configured, or the plan asked for is not on offer; the message says which."""


@dataclass(frozen=True, slots=True)
class PlanOffer:
    id: str
    name: str
    price: str  # "9.00 USD"
    period: str  # "per month"


@dataclass(frozen=True, slots=True)
class SubscribeOffer:
    """What /subscribe shows: the plans, and either a checkout or a contact address."""

    plans: tuple[PlanOffer, ...]
    benefits: tuple[str, ...]
    checkout_available: bool
    contact_email: str | None


def checkout_of(settings: Settings) -> SubscriptionCheckout | None:
    """The configured checkout, or None; a bad ``checkout_url`` raises MembershipInputError."""
    return PaymentLinkCheckout(settings.checkout_url) if settings.checkout_url else None


def _price(plan: Plan) -> str:
    return f"{plan.price_cents // 100}.{plan.price_cents % 100:02d} {plan.currency}"


def subscribe_offer(platform: Platform) -> SubscribeOffer:
    plans = sorted(accounts_of(platform).list_plans(), key=lambda p: (p.price_cents, p.id))
    return SubscribeOffer(
        plans=tuple(
            PlanOffer(id=p.id, name=p.name, price=_price(p), period=_PERIOD_LABELS[p.period])
            for p in plans
        ),
        benefits=MEMBER_BENEFITS,
        checkout_available=platform.settings.checkout_url is not None,
        contact_email=platform.settings.contact_email,
    )


def start_subscription(platform: Platform, account: Account, plan_id: str) -> str:
    """Where to send ``account`` to pay for ``plan_id``; the reader comes back to their
    account page. Raises CheckoutUnavailableError when there is no checkout or no such plan."""
    try:
        checkout = checkout_of(platform.settings)
    except MembershipInputError as error:
        raise CheckoutUnavailableError(str(error)) from None
    if checkout is None:
        raise CheckoutUnavailableError("no payment provider is configured on this site")
    plan = next((p for p in accounts_of(platform).list_plans() if p.id == plan_id), None)
    if plan is None:
        raise CheckoutUnavailableError("there is no such plan on offer")
    return_url = platform.settings.base_url.rstrip("/") + "/account"
    return checkout.start_subscription(account.email, plan, return_url)
