"""The account repository on each store: accounts, plans, subscriptions, tokens, audit log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from worldbrief.domain.account import Plan, PlanPeriod, Role, SubscriptionSource
from worldbrief.store import (
    AccountExistsError,
    AccountNotFoundError,
    AccountStore,
    ArticleStore,
    PlanExistsError,
    PlanNotFoundError,
    TokenNotFoundError,
    open_store,
)

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)
MONTHLY = Plan("monthly", "Monthly", 900, "USD", PlanPeriod.MONTH)
ADMIN = "cli:root"


@pytest.fixture
def accounts(store: ArticleStore) -> AccountStore:
    return AccountStore.alongside(store)


def _ann(accounts: AccountStore) -> None:
    accounts.create_account("ann@example.org", "$argon2id$hash", Role.REGISTERED, actor=ADMIN,
                            now=NOW)  # fmt: skip


def test_accounts_are_created_once_and_read_back(accounts: AccountStore) -> None:
    _ann(accounts)
    accounts.create_account("bob@example.org", "$argon2id$b", Role.EDITOR, actor=ADMIN, now=NOW)
    ann = accounts.get_account("ann@example.org")
    assert ann is not None
    assert (ann.email, ann.role, ann.disabled) == ("ann@example.org", Role.REGISTERED, False)
    assert ann.created_at == NOW and ann.last_login_at is None
    assert [a.email for a in accounts.list_accounts()] == ["ann@example.org", "bob@example.org"]
    with pytest.raises(AccountExistsError, match=r"ann@example\.org"):
        _ann(accounts)
    assert accounts.get_account("nobody@example.org") is None
    found = accounts.credentials("ann@example.org")
    assert found is not None and found[1] == "$argon2id$hash"


def test_role_changes_and_disabling_are_audited(accounts: AccountStore) -> None:
    _ann(accounts)
    assert (
        accounts.set_role("ann@example.org", Role.EDITOR, actor=ADMIN, now=NOW).role is Role.EDITOR
    )
    accounts.set_role("ann@example.org", Role.EDITOR, actor=ADMIN, now=NOW)  # no change, no event
    assert accounts.set_disabled("ann@example.org", True, actor=ADMIN, now=NOW).disabled
    with pytest.raises(AccountNotFoundError, match=r"nobody@example\.org"):
        accounts.set_role("nobody@example.org", Role.ADMIN, actor=ADMIN, now=NOW)
    events = accounts.audit_events("ann@example.org")
    assert [e.action for e in events] == [
        "account.created",
        "account.role_changed",
        "account.disabled",
    ]
    assert events[1].detail == "registered -> editor" and events[1].actor == ADMIN
    assert events[0].seq < events[1].seq < events[2].seq


def test_logins_and_rehashes_are_recorded(accounts: AccountStore) -> None:
    _ann(accounts)
    ann = accounts.get_account("ann@example.org")
    assert ann is not None
    accounts.record_login(ann.id, NOW + DAY)
    accounts.replace_password_hash(ann.id, "$argon2id$new")
    found = accounts.credentials("ann@example.org")
    assert found is not None
    assert found[0].last_login_at == NOW + DAY and found[1] == "$argon2id$new"


def test_plans_are_unique_by_id(accounts: AccountStore) -> None:
    accounts.add_plan(MONTHLY, actor=ADMIN, now=NOW)
    yearly = Plan("yearly", "Yearly", 9000, "EUR", PlanPeriod.YEAR)
    accounts.add_plan(yearly, actor=ADMIN, now=NOW)
    assert accounts.list_plans() == [MONTHLY, yearly]
    with pytest.raises(PlanExistsError, match="monthly"):
        accounts.add_plan(MONTHLY, actor=ADMIN, now=NOW)


def test_admin_grants_add_up_and_name_unknown_plans(accounts: AccountStore) -> None:
    _ann(accounts)
    accounts.add_plan(MONTHLY, actor=ADMIN, now=NOW)

    def grant() -> tuple[datetime, datetime]:
        granted = accounts.grant_subscription(
            "ann@example.org", "monthly", starts_at=None, days=30,
            source=SubscriptionSource.ADMIN, reference=None, actor=ADMIN, now=NOW,
        )  # fmt: skip
        return granted.starts_at, granted.ends_at

    assert grant() == (NOW, NOW + 30 * DAY)
    assert grant() == (NOW + 30 * DAY, NOW + 60 * DAY)  # a renewal starts when the first ends
    ann = accounts.get_account("ann@example.org")
    assert ann is not None
    assert len(accounts.subscriptions_of(ann.id)) == 2
    assert list(accounts.subscriptions_by_account()) == [ann.id]
    with pytest.raises(PlanNotFoundError, match=r"'weekly' .*monthly"):
        accounts.grant_subscription(
            "ann@example.org", "weekly", starts_at=None, days=7,
            source=SubscriptionSource.ADMIN, reference=None, actor=ADMIN, now=NOW,
        )  # fmt: skip
    granted = [e for e in accounts.audit_events() if e.action == "subscription.granted"]
    assert len(granted) == 2 and "(admin)" in granted[0].detail


def test_provider_events_with_one_reference_update_one_subscription(
    accounts: AccountStore,
) -> None:
    _ann(accounts)
    accounts.add_plan(MONTHLY, actor=ADMIN, now=NOW)
    for ends in (NOW + 30 * DAY, NOW + 31 * DAY):
        accounts.grant_subscription(
            "ann@example.org", "monthly", starts_at=NOW, ends_at=ends,
            source=SubscriptionSource.PROVIDER, reference="sub_123", actor="provider:test", now=NOW,
        )  # fmt: skip
    ann = accounts.get_account("ann@example.org")
    assert ann is not None
    (only,) = accounts.subscriptions_of(ann.id)
    assert only.ends_at == NOW + 31 * DAY and only.reference == "sub_123"
    assert only.source is SubscriptionSource.PROVIDER


def test_tokens_are_found_by_prefix_touched_and_revoked(accounts: AccountStore) -> None:
    _ann(accounts)
    token = accounts.create_token("ann@example.org", "laptop", "abc123abc123", "f" * 64,
                                  actor=ADMIN, now=NOW)  # fmt: skip
    assert (token.name, token.prefix, token.revoked) == ("laptop", "abc123abc123", False)
    found = accounts.token_by_prefix("abc123abc123")
    assert found is not None
    assert found[0] == token and found[1] == "f" * 64 and found[2].email == "ann@example.org"
    assert accounts.token_by_prefix("000000000000") is None

    accounts.touch_token(token.id, NOW + DAY, timedelta(minutes=1))
    accounts.touch_token(token.id, NOW + DAY + timedelta(seconds=5), timedelta(minutes=1))
    (listed,) = accounts.tokens_of("ann@example.org")
    assert listed.last_used_at == NOW + DAY  # within the resolution: not rewritten

    revoked = accounts.revoke_token(token.id, actor=ADMIN, now=NOW + 2 * DAY)
    assert revoked.revoked_at == NOW + 2 * DAY
    assert accounts.revoke_token(token.id, actor=ADMIN, now=NOW + 3 * DAY).revoked_at == (
        NOW + 2 * DAY
    )
    with pytest.raises(TokenNotFoundError, match="99"):
        accounts.revoke_token(99, actor=ADMIN, now=NOW)
    with pytest.raises(AccountNotFoundError):
        accounts.tokens_of("nobody@example.org")
    actions = [e.action for e in accounts.audit_events("ann@example.org")]
    assert actions == ["account.created", "token.created", "token.revoked"]


def test_accounts_survive_reopening(store_url: str) -> None:
    first = open_store(store_url)
    _ann(AccountStore.alongside(first))
    first.close()
    again = open_store(store_url)
    try:
        assert AccountStore.alongside(again).get_account("ann@example.org") is not None
    finally:
        again.close()
