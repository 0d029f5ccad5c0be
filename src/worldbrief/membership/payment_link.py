"""A checkout that is a provider's hosted payment link, filled in for the reader and plan.

Most payment providers offer a hosted checkout page whose URL takes the plan and a prefilled
e-mail address as query values; the site needs no provider library or API key to send a
reader there. The payment arrives later through the provider's signed webhook.
"""

from __future__ import annotations

import string
from urllib.parse import quote

from worldbrief.domain.account import Plan
from worldbrief.membership.errors import MembershipInputError
from worldbrief.text.urls import UnsafeUrlError, checked_http_url

PLACEHOLDERS = frozenset({"plan", "email", "return_url"})


class PaymentLinkCheckout:
    """A :class:`~worldbrief.membership.providers.SubscriptionCheckout` built from a URL
    template such as ``https://pay.example.com/c?plan={plan}&email={email}``."""

    def __init__(self, template: str) -> None:
        try:
            fields = list(string.Formatter().parse(template))
        except ValueError as error:
            raise MembershipInputError(f"checkout URL {template!r}: {error}") from None
        names = {name for _, name, _, _ in fields if name is not None}
        unknown = names - PLACEHOLDERS
        if unknown:
            allowed = ", ".join(f"{{{p}}}" for p in sorted(PLACEHOLDERS))
            raise MembershipInputError(
                f"checkout URL {template!r}: unknown placeholder "
                f"{', '.join(sorted(unknown))}; allowed: {allowed}"
            )
        sample = template.format(plan="plan", email="reader%40example.org", return_url="x")
        try:
            checked_http_url(sample)
        except UnsafeUrlError as error:
            raise MembershipInputError(f"checkout URL {template!r}: {error}") from None
        self._template = template

    def start_subscription(self, account_email: str, plan: Plan, return_url: str) -> str:
        return self._template.format(
            plan=quote(plan.id, safe=""),
            email=quote(account_email, safe=""),
            return_url=quote(return_url, safe=""),
        )
