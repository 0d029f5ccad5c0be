"""`viewer_for`: what an account acts as at a given moment."""

from datetime import UTC, datetime, timedelta

import pytest

from worldbrief.domain.account import Account, Role, Subscription, SubscriptionSource
from worldbrief.membership.effective_role import membership_ends, viewer_for
from worldbrief.membership.roles import ANONYMOUS, Viewer

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def account(role: Role = Role.REGISTERED, *, disabled: bool = False) -> Account:
    return Account(1, "ann@example.org", role, disabled, NOW - 100 * DAY, None)


def subscription(starts: datetime, ends: datetime) -> Subscription:
    return Subscription(1, 1, "monthly", starts, ends, SubscriptionSource.ADMIN)


ACTIVE = subscription(NOW - 10 * DAY, NOW + 20 * DAY)
EXPIRED = subscription(NOW - 40 * DAY, NOW - 10 * DAY)
FUTURE = subscription(NOW + 1 * DAY, NOW + 30 * DAY)


def test_registered_with_an_active_subscription_is_a_member() -> None:
    assert viewer_for(account(), [EXPIRED, ACTIVE], NOW) == Viewer(Role.MEMBER, "ann@example.org")


@pytest.mark.parametrize("subscriptions", [[], [EXPIRED], [FUTURE]], ids=["none", "old", "soon"])
def test_registered_without_one_active_now_stays_registered(
    subscriptions: list[Subscription],
) -> None:
    assert viewer_for(account(), subscriptions, NOW).role is Role.REGISTERED


def test_bounds_start_inclusive_end_exclusive() -> None:
    assert viewer_for(account(), [ACTIVE], ACTIVE.starts_at).role is Role.MEMBER
    assert viewer_for(account(), [ACTIVE], ACTIVE.ends_at).role is Role.REGISTERED


@pytest.mark.parametrize("role", [Role.ANALYST, Role.EDITOR, Role.ADMIN])
def test_staff_roles_are_unchanged_by_subscriptions(role: Role) -> None:
    for subscriptions in ([], [ACTIVE], [EXPIRED]):
        assert viewer_for(account(role), subscriptions, NOW).role is role


@pytest.mark.parametrize("role", [Role.REGISTERED, Role.ADMIN])
def test_disabled_accounts_read_as_anonymous(role: Role) -> None:
    assert viewer_for(account(role, disabled=True), [ACTIVE], NOW) == ANONYMOUS


def test_membership_end_follows_renewals() -> None:
    renewal = subscription(ACTIVE.ends_at, ACTIVE.ends_at + 30 * DAY)
    later = subscription(renewal.ends_at + DAY, renewal.ends_at + 60 * DAY)  # after a gap
    assert membership_ends([ACTIVE, renewal, later], NOW) == renewal.ends_at
    assert membership_ends([EXPIRED, FUTURE], NOW) is None
