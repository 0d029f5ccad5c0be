"""Membership use cases on a real store: passwords, provider grants, tokens acting as viewers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher

from worldbrief.domain.account import Role, SubscriptionSource
from worldbrief.membership.errors import MembershipInputError, WeakPasswordError
from worldbrief.membership.providers import SubscriptionProvider
from worldbrief.services import accounts as service
from worldbrief.store import AccountNotFoundError, AccountStore, ArticleStore

PASSWORD = "correct horse battery staple"
ADMIN = "cli:root"


@pytest.fixture
def accounts(store: ArticleStore) -> AccountStore:
    created = AccountStore.alongside(store)
    service.create_account(created, " Ann@Example.org", PASSWORD, "registered", actor=ADMIN)
    service.add_plan(
        created, "monthly", "Monthly", price="9.00", currency="usd", period="month", actor=ADMIN
    )
    return created


def test_accounts_keep_only_a_hash_of_the_password(accounts: AccountStore) -> None:
    found = accounts.credentials("ann@example.org")
    assert found is not None and found[1].startswith("$argon2id$") and PASSWORD not in found[1]
    events = accounts.audit_events()
    assert all(PASSWORD not in f"{e.detail} {e.subject}" for e in events)
    with pytest.raises(WeakPasswordError, match="at least 12"):
        service.create_account(accounts, "bob@example.org", "short", "registered", actor=ADMIN)
    assert accounts.get_account("bob@example.org") is None


def test_password_check_records_the_login_and_refuses_others(accounts: AccountStore) -> None:
    ann = service.authenticate_password(accounts, "ANN@example.org", PASSWORD)
    assert ann is not None and ann.email == "ann@example.org"
    after = accounts.get_account("ann@example.org")
    assert after is not None and after.last_login_at is not None
    assert service.authenticate_password(accounts, "ann@example.org", PASSWORD + "!") is None
    assert service.authenticate_password(accounts, "nobody@example.org", PASSWORD) is None
    assert service.authenticate_password(accounts, "not an email", PASSWORD) is None
    service.set_disabled(accounts, "ann@example.org", True, actor=ADMIN)
    assert service.authenticate_password(accounts, "ann@example.org", PASSWORD) is None


def test_a_login_rehashes_a_password_hashed_with_old_parameters(accounts: AccountStore) -> None:
    ann = accounts.get_account("ann@example.org")
    assert ann is not None
    old = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)
    accounts.replace_password_hash(ann.id, old)
    assert service.authenticate_password(accounts, "ann@example.org", PASSWORD) is not None
    found = accounts.credentials("ann@example.org")
    assert found is not None and found[1] != old and found[1].startswith("$argon2id$")
    assert service.authenticate_password(accounts, "ann@example.org", PASSWORD) is not None


def test_provider_grants_make_a_member_and_a_redelivery_changes_nothing(
    accounts: AccountStore,
) -> None:
    provider: SubscriptionProvider = service.StoreSubscriptionProvider(accounts, "paydesk")
    now = datetime.now(UTC)
    for _ in range(2):
        granted = provider.grant(
            "ann@example.org", "monthly", now - timedelta(days=1), now + timedelta(days=29), "ev-1"
        )
    assert granted.source is SubscriptionSource.PROVIDER
    (overview,) = service.account_overviews(accounts)
    assert overview.effective_role is Role.MEMBER and overview.member_until == granted.ends_at
    assert [e.actor for e in accounts.audit_events() if e.action == "subscription.granted"] == [
        "provider:paydesk",
        "provider:paydesk",
    ]
    with pytest.raises(MembershipInputError, match="before it starts"):
        provider.grant("ann@example.org", "monthly", now, now - timedelta(days=1), "ev-2")
    with pytest.raises(AccountNotFoundError):
        provider.grant("nobody@example.org", "monthly", now, now + timedelta(days=1), "ev-3")


def test_a_token_acts_as_its_account_until_revoked(accounts: AccountStore) -> None:
    token, plaintext = service.create_api_token(accounts, "ann@example.org", "laptop", actor=ADMIN)
    assert plaintext.startswith(f"wb_{token.prefix}_")
    viewer = service.viewer_for_token(accounts, plaintext)
    assert viewer is not None and viewer.role is Role.REGISTERED
    (used,) = accounts.tokens_of("ann@example.org")
    assert used.last_used_at is not None

    service.grant_subscription(accounts, "ann@example.org", "monthly", 30, actor=ADMIN)
    member = service.viewer_for_token(accounts, plaintext)
    assert member is not None and member.role is Role.MEMBER

    forged = plaintext[:-4] + ("AAAA" if not plaintext.endswith("AAAA") else "BBBB")
    assert service.viewer_for_token(accounts, forged) is None
    service.revoke_api_token(accounts, token.id, actor=ADMIN)
    assert service.viewer_for_token(accounts, plaintext) is None


def test_disabling_revokes_every_token_for_good(accounts: AccountStore) -> None:
    _, plaintext = service.create_api_token(accounts, "ann@example.org", "laptop", actor=ADMIN)
    service.set_disabled(accounts, "ann@example.org", True, actor=ADMIN)
    assert service.viewer_for_token(accounts, plaintext) is None
    service.set_disabled(accounts, "ann@example.org", False, actor=ADMIN)
    assert service.viewer_for_token(accounts, plaintext) is None
    assert all(t.revoked for t in accounts.tokens_of("ann@example.org"))


def test_bad_grants_and_token_names_are_refused(accounts: AccountStore) -> None:
    with pytest.raises(MembershipInputError, match="days 0"):
        service.grant_subscription(accounts, "ann@example.org", "monthly", 0, actor=ADMIN)
    with pytest.raises(MembershipInputError, match="token name"):
        service.create_api_token(accounts, "ann@example.org", " ", actor=ADMIN)
