"""Parsing the values an admin types: roles, prices, currencies, plan ids, periods."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from worldbrief.domain.account import ACCOUNT_ROLES, PlanPeriod, Role
from worldbrief.membership.errors import MembershipInputError

_CURRENCY = re.compile(r"[A-Z]{3}")
_PLAN_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,62}")
_ALLOWED_ROLES = ", ".join(role.value for role in ACCOUNT_ROLES)


def parse_account_role(value: str) -> Role:
    """A role an account may be given; ``member`` and ``reader`` are refused with the reason."""
    text = value.strip().lower()
    if text == Role.MEMBER.value:
        raise MembershipInputError(
            "role 'member' cannot be set: it comes from an active subscription "
            f"(grant one instead); allowed roles: {_ALLOWED_ROLES}"
        )
    for role in ACCOUNT_ROLES:
        if role.value == text:
            return role
    raise MembershipInputError(f"unknown role {value!r}: allowed roles: {_ALLOWED_ROLES}")


def parse_price_cents(value: str) -> int:
    """``"9.00"`` -> 900; at most two decimals, not negative."""
    try:
        amount = Decimal(value.strip())
    except InvalidOperation:
        raise MembershipInputError(f"invalid price {value!r}: expected e.g. 9.00") from None
    if not amount.is_finite() or amount < 0:
        raise MembershipInputError(f"invalid price {value!r}: expected 0 or more, e.g. 9.00")
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise MembershipInputError(f"invalid price {value!r}: at most two decimals")
    return int(cents)


def parse_currency(value: str) -> str:
    code = value.strip().upper()
    if not _CURRENCY.fullmatch(code):
        raise MembershipInputError(
            f"invalid currency {value!r}: expected a three-letter ISO 4217 code such as USD"
        )
    return code


def parse_period(value: str) -> PlanPeriod:
    try:
        return PlanPeriod(value.strip().lower())
    except ValueError:
        allowed = ", ".join(p.value for p in PlanPeriod)
        raise MembershipInputError(f"invalid period {value!r}: allowed: {allowed}") from None


def parse_plan_id(value: str) -> str:
    if not _PLAN_ID.fullmatch(value):
        raise MembershipInputError(
            f"invalid plan id {value!r}: use lower-case letters, digits, '-' and '_' (e.g. monthly)"
        )
    return value


def format_price(price_cents: int, currency: str) -> str:
    return f"{price_cents // 100}.{price_cents % 100:02d} {currency}"
