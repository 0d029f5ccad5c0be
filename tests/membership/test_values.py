"""What an admin types: emails, roles, prices, currencies, periods, plan ids."""

import pytest

from worldbrief.domain.account import PlanPeriod, Role
from worldbrief.membership.emails import normalise_email
from worldbrief.membership.errors import MembershipInputError
from worldbrief.membership.values import (
    parse_account_role,
    parse_currency,
    parse_period,
    parse_plan_id,
    parse_price_cents,
)


def test_emails_are_trimmed_and_lower_cased() -> None:
    assert normalise_email("  Ann.Lee@Example.ORG ") == "ann.lee@example.org"


@pytest.mark.parametrize(
    "bad",
    ["", "ann", "ann@", "@example.org", "ann@example", "a b@x.org", "a[red]b@x.org", "<a>@x.org"],
)
def test_implausible_emails_are_named(bad: str) -> None:
    with pytest.raises(MembershipInputError, match="invalid email address"):
        normalise_email(bad)


def test_roles_parse_and_errors_list_the_allowed_ones() -> None:
    assert parse_account_role(" Editor ") is Role.EDITOR
    with pytest.raises(MembershipInputError, match=r"unknown role 'boss'.*registered, analyst"):
        parse_account_role("boss")
    with pytest.raises(MembershipInputError, match="subscription"):
        parse_account_role("member")
    with pytest.raises(MembershipInputError, match="allowed roles"):
        parse_account_role("reader")


@pytest.mark.parametrize(("text", "cents"), [("9.00", 900), ("9", 900), ("0.5", 50), ("0", 0)])
def test_prices_become_cents(text: str, cents: int) -> None:
    assert parse_price_cents(text) == cents


@pytest.mark.parametrize("bad", ["nine", "-1", "9.001", "NaN", "Infinity", ""])
def test_bad_prices_are_named(bad: str) -> None:
    with pytest.raises(MembershipInputError, match="invalid price"):
        parse_price_cents(bad)


def test_currency_period_and_plan_id() -> None:
    assert parse_currency("usd") == "USD"
    assert parse_period("Year") is PlanPeriod.YEAR
    assert parse_plan_id("monthly-2025") == "monthly-2025"
    for call, bad in ((parse_currency, "dollars"), (parse_period, "week"), (parse_plan_id, "A B")):
        with pytest.raises(MembershipInputError, match=repr(bad)):
            call(bad)
