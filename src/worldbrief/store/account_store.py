"""``AccountStore``: membership data in the same database as the articles.

Every change that matters to security is written with its audit event in one transaction, so
the log can never miss a change nor record one that did not happen.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy.engine import Connection, Engine

from worldbrief.domain.account import (
    Account,
    ApiToken,
    AuditEvent,
    Plan,
    Role,
    Subscription,
    SubscriptionSource,
)
from worldbrief.store import account_repository as repo
from worldbrief.store import account_subscriptions as subs
from worldbrief.store import account_tokens as tokens
from worldbrief.store.account_access import end_access
from worldbrief.store.account_audit import append_event, list_events
from worldbrief.store.article_store import ArticleStore
from worldbrief.store.engine import store_connection
from worldbrief.store.errors import redact_url


class AccountStore:
    """Accounts, API tokens, plans, subscriptions and the audit log. Thread-safe; it shares the
    engine of the article store it was opened alongside, which owns closing it."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @classmethod
    def alongside(cls, store: ArticleStore) -> AccountStore:
        return cls(store.engine, store.url)

    def __repr__(self) -> str:
        return f"AccountStore({redact_url(self.url)!r})"

    # Accounts

    def create_account(
        self, email: str, password_hash: str, role: Role, *, actor: str, now: datetime
    ) -> Account:
        with self._connection("create_account", write=True) as conn:
            account = repo.insert_account(conn, email, password_hash, role, now)
            append_event(
                conn,
                at=now,
                actor=actor,
                action="account.created",
                subject=email,
                detail=f"role {role.value}",
            )
            return account

    def create_account_if_new(
        self, email: str, password_hash: str, role: Role, *, actor: str, now: datetime
    ) -> tuple[Account, bool]:
        """Create the account unless ``email`` has one; the same statements either way (a
        sign-up must not tell by its work whether the address was known)."""
        with self._connection("create_account_if_new", write=True) as conn:
            account, created = repo.insert_account_if_new(conn, email, password_hash, role, now)
            action, detail = (
                ("account.created", f"role {role.value}") if created
                else ("signup.repeated", "the address already has an account")
            )  # fmt: skip
            append_event(conn, at=now, actor=actor, action=action, subject=email, detail=detail)
            return account, created

    def get_account(self, email: str) -> Account | None:
        with self._connection("get_account") as conn:
            return repo.find_account(conn, email)

    def list_accounts(self) -> list[Account]:
        """Every account, by email."""
        with self._connection("list_accounts") as conn:
            return repo.list_accounts(conn)

    def set_role(self, email: str, role: Role, *, actor: str, now: datetime) -> Account:
        with self._connection("set_role", write=True) as conn:
            before = repo.require_account(conn, email)
            if before.role is role:
                return before
            repo.update_account(conn, before.id, role=role.value)
            append_event(
                conn,
                at=now,
                actor=actor,
                action="account.role_changed",
                subject=email,
                detail=f"{before.role.value} -> {role.value}",
            )
            return repo.require_account(conn, email)

    def set_disabled(self, email: str, disabled: bool, *, actor: str, now: datetime) -> Account:
        """Disabling also ends every session, revokes every API token and spends every reset
        link of the account, in the same transaction; enabling brings none of them back."""
        with self._connection("set_disabled", write=True) as conn:
            before = repo.require_account(conn, email)
            if before.disabled is disabled:
                return before
            repo.update_account(conn, before.id, disabled=disabled)
            if disabled:
                ended = end_access(conn, before.id, now).describe()
                append_event(
                    conn, at=now, actor=actor, action="account.disabled", subject=email,
                    detail=ended,
                )  # fmt: skip
            else:
                append_event(conn, at=now, actor=actor, action="account.enabled", subject=email)
            return repo.require_account(conn, email)

    def credentials(self, email: str) -> tuple[Account, str] | None:
        """The account with ``email`` and its password hash, for checking a password."""
        with self._connection("credentials") as conn:
            return repo.password_hash_of(conn, email)

    def replace_password_hash(self, account_id: int, password_hash: str) -> None:
        """Store a fresh hash of the same password (new hashing parameters)."""
        with self._connection("replace_password_hash", write=True) as conn:
            repo.update_account(conn, account_id, password_hash=password_hash)

    def record_login(self, account_id: int, now: datetime) -> None:
        with self._connection("record_login", write=True) as conn:
            repo.update_account(conn, account_id, last_login_at=now)

    # Plans and subscriptions

    def add_plan(self, plan: Plan, *, actor: str, now: datetime) -> Plan:
        with self._connection("add_plan", write=True) as conn:
            subs.insert_plan(conn, plan, now)
            append_event(
                conn,
                at=now,
                actor=actor,
                action="plan.added",
                subject=plan.id,
                detail=f"{plan.name}, {plan.price_cents / 100:.2f} {plan.currency} "
                f"per {plan.period.value}",
            )
            return plan

    def list_plans(self) -> list[Plan]:
        with self._connection("list_plans") as conn:
            return subs.list_plans(conn)

    def grant_subscription(
        self,
        email: str,
        plan_id: str,
        *,
        starts_at: datetime | None,
        days: int | None = None,
        ends_at: datetime | None = None,
        source: SubscriptionSource,
        reference: str | None,
        actor: str,
        now: datetime,
    ) -> Subscription:
        """Subscribe ``email`` to ``plan_id``. Without ``starts_at`` the grant starts when the
        account's current subscription ends (renewals add up), or now; ``days`` or ``ends_at``
        set its end. A known ``reference`` updates that subscription instead."""
        with self._connection("grant_subscription", write=True) as conn:
            account = repo.require_account(conn, email)
            subs.require_plan(conn, plan_id)
            if starts_at is None:
                current = [
                    s.ends_at for s in subs.subscriptions_of(conn, account.id) if s.active_at(now)
                ]
                starts_at = max(current, default=now)
            if ends_at is None:
                if days is None:
                    raise ValueError("grant_subscription needs days or ends_at")
                ends_at = starts_at + timedelta(days=days)
            granted = subs.save_subscription(
                conn,
                account_id=account.id,
                plan_id=plan_id,
                starts_at=starts_at,
                ends_at=ends_at,
                source=source,
                reference=reference,
                now=now,
            )
            detail = f"{plan_id} from {starts_at:%Y-%m-%d %H:%M} to {ends_at:%Y-%m-%d %H:%M} UTC"
            append_event(
                conn,
                at=now,
                actor=actor,
                action="subscription.granted",
                subject=email,
                detail=f"{detail} ({source.value})",
            )
            return granted

    def subscriptions_of(self, account_id: int) -> list[Subscription]:
        with self._connection("subscriptions_of") as conn:
            return subs.subscriptions_of(conn, account_id)

    def subscriptions_by_account(self) -> dict[int, list[Subscription]]:
        with self._connection("subscriptions_by_account") as conn:
            return subs.subscriptions_by_account(conn)

    # API tokens

    def create_token(
        self, email: str, name: str, prefix: str, secret_hash: str, *, actor: str, now: datetime
    ) -> ApiToken:
        with self._connection("create_token", write=True) as conn:
            account = repo.require_account(conn, email)
            token = tokens.insert_token(conn, account.id, name, prefix, secret_hash, now)
            append_event(
                conn,
                at=now,
                actor=actor,
                action="token.created",
                subject=email,
                detail=f"token {token.id} {name!r} ({prefix})",
            )
            return token

    def tokens_of(self, email: str) -> list[ApiToken]:
        with self._connection("tokens_of") as conn:
            return tokens.tokens_of(conn, repo.require_account(conn, email).id)

    def revoke_token(self, token_id: int, *, actor: str, now: datetime) -> ApiToken:
        """Revoke the token; revoking it again changes nothing and logs nothing."""
        with self._connection("revoke_token", write=True) as conn:
            before = tokens.require_token(conn, token_id)
            if before.revoked:
                return before
            revoked = tokens.revoke_token(conn, token_id, now)
            owner = repo.find_account_by_id(conn, revoked.account_id)
            append_event(
                conn,
                at=now,
                actor=actor,
                action="token.revoked",
                subject=owner.email if owner else f"account {revoked.account_id}",
                detail=f"token {token_id} {revoked.name!r} ({revoked.prefix})",
            )
            return revoked

    def token_by_prefix(self, prefix: str) -> tuple[ApiToken, str, Account] | None:
        """The token, its stored secret hash and its account."""
        with self._connection("token_by_prefix") as conn:
            found = tokens.token_by_prefix(conn, prefix)
            if found is None:
                return None
            owner = repo.find_account_by_id(conn, found[0].account_id)
            return (found[0], found[1], owner) if owner else None

    def touch_token(self, token_id: int, now: datetime, resolution: timedelta) -> None:
        """Record use of the token unless it was recorded less than ``resolution`` ago."""
        with self._connection("touch_token", write=True) as conn:
            tokens.touch_token(conn, token_id, now, resolution)

    # Audit log

    def audit_events(self, subject: str | None = None, limit: int = 100) -> list[AuditEvent]:
        """The newest ``limit`` events (of ``subject`` when given), oldest first."""
        with self._connection("audit_events") as conn:
            return list_events(conn, subject, limit)

    @contextmanager
    def _connection(self, operation: str, *, write: bool = False) -> Iterator[Connection]:
        with store_connection(self.engine, self.url, operation, write=write) as conn:
            yield conn
