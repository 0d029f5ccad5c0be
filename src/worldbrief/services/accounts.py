"""Membership use cases: accounts, roles, plans, subscriptions and API tokens.

Input is checked here (emails normalised, passwords hashed, roles and prices parsed) before the
store sees it; the CLI, the web layer and payment-provider adapters all come through here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from worldbrief.config import Settings
from worldbrief.domain.account import (
    Account,
    ApiToken,
    Plan,
    Role,
    Subscription,
    SubscriptionSource,
)
from worldbrief.membership.effective_role import effective_role, membership_ends, viewer_for
from worldbrief.membership.emails import normalise_email
from worldbrief.membership.errors import MembershipInputError
from worldbrief.membership.passwords import (
    DUMMY_HASH,
    hash_password,
    needs_rehash,
    verify_password,
)
from worldbrief.membership.roles import Viewer
from worldbrief.membership.tokens import issue_token, parse_token, secret_matches
from worldbrief.membership.values import (
    parse_account_role,
    parse_currency,
    parse_period,
    parse_plan_id,
    parse_price_cents,
)
from worldbrief.services.platform import Platform
from worldbrief.store import AccountStore, open_store

MAX_GRANT_DAYS = 366 * 100
MAX_TOKEN_NAME_LENGTH = 100
# How stale a token's last_used_at may get: fresh enough to audit, rare enough not to write
# on every request.
TOKEN_USE_RESOLUTION = timedelta(minutes=1)


def accounts_of(platform: Platform) -> AccountStore:
    return AccountStore.alongside(platform.store)


@contextmanager
def opened_accounts(settings: Settings | None = None) -> Iterator[AccountStore]:
    """The accounts of the configured store, without opening the search index."""
    settings = settings or Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = open_store(settings.resolved_database_url)
    try:
        yield AccountStore.alongside(store)
    finally:
        store.close()


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class AccountOverview:
    """An account as an admin lists it."""

    account: Account
    effective_role: Role
    member_until: datetime | None  # end of the membership active now, renewals included


# Accounts


def create_account(
    accounts: AccountStore, email: str, password: str, role: str | Role, *, actor: str
) -> Account:
    """Raises MembershipInputError for a bad email, password or role; AccountExistsError."""
    address = normalise_email(email)
    chosen = parse_account_role(role)
    return accounts.create_account(
        address, hash_password(password), chosen, actor=actor, now=_now()
    )


def set_role(accounts: AccountStore, email: str, role: str | Role, *, actor: str) -> Account:
    chosen = parse_account_role(role)
    return accounts.set_role(normalise_email(email), chosen, actor=actor, now=_now())


def set_disabled(accounts: AccountStore, email: str, disabled: bool, *, actor: str) -> Account:
    return accounts.set_disabled(normalise_email(email), disabled, actor=actor, now=_now())


def account_overviews(accounts: AccountStore, now: datetime | None = None) -> list[AccountOverview]:
    moment = now or _now()
    by_account = accounts.subscriptions_by_account()
    return [
        AccountOverview(
            account=account,
            effective_role=effective_role(account, by_account.get(account.id, ()), moment),
            member_until=membership_ends(by_account.get(account.id, ()), moment),
        )
        for account in accounts.list_accounts()
    ]


def authenticate_password(
    accounts: AccountStore, email: str, password: str, now: datetime | None = None
) -> Account | None:
    """The account if ``password`` is its own and it is not disabled, else None. Unknown emails
    cost a full hash check too, so timing tells no one which accounts exist."""
    try:
        address = normalise_email(email)
    except MembershipInputError:
        address = ""
    found = accounts.credentials(address) if address else None
    if found is None:
        verify_password(DUMMY_HASH, password)
        return None
    account, password_hash = found
    if not verify_password(password_hash, password) or account.disabled:
        return None
    if needs_rehash(password_hash):
        accounts.replace_password_hash(account.id, hash_password(password))
    accounts.record_login(account.id, now or _now())
    return account


# Plans and subscriptions


def add_plan(
    accounts: AccountStore,
    plan_id: str,
    name: str,
    *,
    price: str,
    currency: str,
    period: str,
    actor: str,
) -> Plan:
    if not name.strip():
        raise MembershipInputError("plan name is empty")
    plan = Plan(
        id=parse_plan_id(plan_id),
        name=name.strip(),
        price_cents=parse_price_cents(price),
        currency=parse_currency(currency),
        period=parse_period(period),
    )
    return accounts.add_plan(plan, actor=actor, now=_now())


def grant_subscription(
    accounts: AccountStore, email: str, plan_id: str, days: int, *, actor: str
) -> Subscription:
    """An admin's grant of ``days`` on ``plan_id``, starting when the current one ends."""
    if not 1 <= days <= MAX_GRANT_DAYS:
        raise MembershipInputError(f"invalid number of days {days}: expected 1 to {MAX_GRANT_DAYS}")
    return accounts.grant_subscription(
        normalise_email(email),
        plan_id,
        starts_at=None,
        days=days,
        source=SubscriptionSource.ADMIN,
        reference=None,
        actor=actor,
        now=_now(),
    )


class StoreSubscriptionProvider:
    """The :class:`~worldbrief.membership.providers.SubscriptionProvider` a payment
    provider's adapter calls; events are recorded with source ``provider``."""

    def __init__(self, accounts: AccountStore, provider_name: str) -> None:
        self._accounts = accounts
        self._actor = f"provider:{provider_name}"

    def grant(
        self,
        account_email: str,
        plan_id: str,
        starts_at: datetime,
        ends_at: datetime,
        reference: str,
    ) -> Subscription:
        if ends_at <= starts_at:
            raise MembershipInputError("the subscription ends before it starts")
        if not reference.strip():
            raise MembershipInputError("a provider's subscription needs its reference")
        return self._accounts.grant_subscription(
            normalise_email(account_email),
            plan_id,
            starts_at=starts_at,
            ends_at=ends_at,
            source=SubscriptionSource.PROVIDER,
            reference=reference.strip(),
            actor=self._actor,
            now=_now(),
        )


# API tokens


def create_api_token(
    accounts: AccountStore, email: str, name: str, *, actor: str
) -> tuple[ApiToken, str]:
    """The new token and its plaintext, which is shown once and cannot be recovered."""
    label = name.strip()
    if not label or len(label) > MAX_TOKEN_NAME_LENGTH:
        raise MembershipInputError(
            f"a token name must have 1 to {MAX_TOKEN_NAME_LENGTH} characters"
        )
    issued = issue_token()
    token = accounts.create_token(
        normalise_email(email), label, issued.prefix, issued.secret_hash, actor=actor, now=_now()
    )
    return token, issued.plaintext


def revoke_api_token(accounts: AccountStore, token_id: int, *, actor: str) -> ApiToken:
    return accounts.revoke_token(token_id, actor=actor, now=_now())


def account_for_token(
    accounts: AccountStore, presented: str, now: datetime | None = None
) -> Account | None:
    """The enabled account a valid, unrevoked token belongs to, else None."""
    parsed = parse_token(presented)
    if parsed is None:
        return None
    found = accounts.token_by_prefix(parsed.prefix)
    if found is None:
        return None
    token, secret_hash, account = found
    if not secret_matches(parsed, secret_hash) or token.revoked or account.disabled:
        return None
    moment = now or _now()
    if token.last_used_at is None or moment - token.last_used_at >= TOKEN_USE_RESOLUTION:
        accounts.touch_token(token.id, moment, TOKEN_USE_RESOLUTION)
    return account


def viewer_for_token(
    accounts: AccountStore, presented: str, now: datetime | None = None
) -> Viewer | None:
    """Who a bearer token acts as now, or None when the token is not valid."""
    moment = now or _now()
    account = account_for_token(accounts, presented, moment)
    if account is None:
        return None
    return viewer_for(account, accounts.subscriptions_of(account.id), moment)
