"""``SessionStore``: web sign-in state in the same database as the accounts.

Sessions and reset tokens are found by the SHA-256 of their secret, so a leaked table opens no
account. Changes that matter to security are written with their audit event in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, RowMapping

from worldbrief.domain.account import Account, Role
from worldbrief.domain.audit import AuditNote
from worldbrief.store import account_repository as repo
from worldbrief.store.account_audit import append_event
from worldbrief.store.article_store import ArticleStore
from worldbrief.store.dialect import insert_ignoring_conflicts, upsert
from worldbrief.store.engine import store_connection
from worldbrief.store.errors import redact_url
from worldbrief.store.schema import (
    account_preferences,
    login_failures,
    metered_reads,
    password_resets,
    signup_requests,
    web_sessions,
)


@dataclass(frozen=True, slots=True)
class WebSession:
    account_id: int
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime


class SessionStore:
    """Sessions, login failures, reset tokens, preferences and metered reads. Thread-safe; it
    shares the engine of the article store it was opened alongside."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @classmethod
    def alongside(cls, store: ArticleStore) -> SessionStore:
        return cls(store.engine, store.url)

    def __repr__(self) -> str:
        return f"SessionStore({redact_url(self.url)!r})"

    def audit(self, note: AuditNote, now: datetime) -> None:
        with self._connection("audit", write=True) as conn:
            _append(conn, note, now)

    # Sessions

    def create_session(
        self, id_hash: str, account_id: int, now: datetime, expires_at: datetime, note: AuditNote
    ) -> None:
        with self._connection("create_session", write=True) as conn:
            conn.execute(
                sa.insert(web_sessions).values(
                    id_hash=id_hash, account_id=account_id, created_at=now, last_seen_at=now,
                    expires_at=expires_at,
                )
            )  # fmt: skip
            _append(conn, note, now)

    def session(self, id_hash: str, now: datetime) -> tuple[WebSession, Account] | None:
        """The unexpired session with ``id_hash`` and its account."""
        query = sa.select(web_sessions).where(
            web_sessions.c.id_hash == id_hash, web_sessions.c.expires_at > now
        )
        with self._connection("session") as conn:
            row = conn.execute(query).mappings().first()
            if row is None:
                return None
            account = repo.find_account_by_id(conn, int(row["account_id"]))
        if account is None:
            return None
        found = WebSession(
            account_id=int(row["account_id"]),
            created_at=row["created_at"],
            last_seen_at=row["last_seen_at"],
            expires_at=row["expires_at"],
        )
        return found, account

    def extend_session(self, id_hash: str, now: datetime, expires_at: datetime) -> None:
        with self._connection("extend_session", write=True) as conn:
            conn.execute(
                sa.update(web_sessions)
                .where(web_sessions.c.id_hash == id_hash)
                .values(last_seen_at=now, expires_at=expires_at)
            )

    def revoke_session(self, id_hash: str, now: datetime, note: AuditNote) -> None:
        with self._connection("revoke_session", write=True) as conn:
            conn.execute(sa.delete(web_sessions).where(web_sessions.c.id_hash == id_hash))
            _append(conn, note, now)

    def revoke_all_sessions(self, account_id: int, now: datetime, note: AuditNote) -> int:
        """End every session of the account; how many there were."""
        with self._connection("revoke_all_sessions", write=True) as conn:
            ended = _delete_sessions_of(conn, account_id)
            _append(conn, note, now)
            return ended

    def sessions_of(self, account_id: int, now: datetime) -> int:
        """How many unexpired sessions the account has."""
        query = sa.select(sa.func.count()).where(
            web_sessions.c.account_id == account_id, web_sessions.c.expires_at > now
        )
        with self._connection("sessions_of") as conn:
            return int(conn.execute(query).scalar_one())

    # Login failures

    def record_failure(self, keys: tuple[str, ...], now: datetime, note: AuditNote) -> None:
        with self._connection("record_failure", write=True) as conn:
            for key in keys:
                conn.execute(sa.insert(login_failures).values(key=key, at=now))
            _append(conn, note, now)

    def failures_since(self, key: str, since: datetime) -> list[datetime]:
        """When ``key`` failed since ``since``, oldest first."""
        query = (
            sa.select(login_failures.c.at)
            .where(login_failures.c.key == key, login_failures.c.at > since)
            .order_by(login_failures.c.at)
        )
        with self._connection("failures_since") as conn:
            return list(conn.execute(query).scalars())

    def clear_failures(self, key: str, before: datetime | None = None) -> None:
        """Forget the failures of ``key`` (or of every key, older than ``before``)."""
        query = sa.delete(login_failures).where(login_failures.c.key == key)
        with self._connection("clear_failures", write=True) as conn:
            conn.execute(query)
            if before is not None:
                conn.execute(sa.delete(login_failures).where(login_failures.c.at <= before))

    # Password resets

    def create_reset(
        self, token_hash: str, email: str, now: datetime, expires_at: datetime
    ) -> Account | None:
        """Record a reset request for ``email`` and return its account, if any. Every request
        writes one row; only an enabled account's row can ever be used."""
        with self._connection("create_reset", write=True) as conn:
            account = repo.find_account(conn, email)
            usable = account is not None and not account.disabled
            conn.execute(
                sa.insert(password_resets).values(
                    token_hash=token_hash, account_id=account.id if usable and account else None,
                    email=email, created_at=now, expires_at=expires_at,
                )
            )  # fmt: skip
            return account

    def reset_account(self, token_hash: str, now: datetime) -> Account | None:
        """The account of an unused, unexpired reset token."""
        with self._connection("reset_account") as conn:
            account_id = _usable_reset(conn, token_hash, now)
            return repo.find_account_by_id(conn, account_id) if account_id is not None else None

    def use_reset(
        self, token_hash: str, password_hash: str, now: datetime, actor: str
    ) -> Account | None:
        """Spend the token: set the password and end every session, in one transaction."""
        with self._connection("use_reset", write=True) as conn:
            account_id = _usable_reset(conn, token_hash, now)
            account = repo.find_account_by_id(conn, account_id) if account_id else None
            if account is None:
                return None
            conn.execute(
                sa.update(password_resets)
                .where(password_resets.c.token_hash == token_hash)
                .values(used_at=now)
            )
            repo.update_account(conn, account.id, password_hash=password_hash)
            _delete_sessions_of(conn, account.id)
            _append(conn, AuditNote(actor, "password.reset", account.email), now)
            return account

    # Sign-ups confirmed by email

    def create_signup(
        self, token_hash: str, email: str, password_hash: str, now: datetime,
        expires_at: datetime,
    ) -> Account | None:  # fmt: skip
        """Record a sign-up waiting for its link and return the account ``email`` already has,
        if any. The same statements run either way."""
        with self._connection("create_signup", write=True) as conn:
            account = repo.find_account(conn, email)
            conn.execute(
                sa.insert(signup_requests).values(
                    token_hash=token_hash, email=email, password_hash=password_hash,
                    created_at=now, expires_at=expires_at,
                )
            )  # fmt: skip
            return account

    def signup_email(self, token_hash: str, now: datetime) -> str | None:
        """The address of an unused, unexpired sign-up link."""
        with self._connection("signup_email") as conn:
            row = _usable_signup(conn, token_hash, now)
            return str(row["email"]) if row is not None else None

    def use_signup(
        self, token_hash: str, role: Role, now: datetime, actor: str
    ) -> tuple[Account, bool] | None:
        """Spend the link: create the account with the password chosen at sign-up (unless the
        address got one meanwhile). The account and whether it was created; None when the
        link is unknown, used or expired."""
        with self._connection("use_signup", write=True) as conn:
            row = _usable_signup(conn, token_hash, now)
            if row is None:
                return None
            conn.execute(
                sa.update(signup_requests)
                .where(signup_requests.c.token_hash == token_hash)
                .values(used_at=now)
            )
            email = str(row["email"])
            account, created = repo.insert_account_if_new(
                conn, email, str(row["password_hash"]), role, now
            )
            if created:
                detail = f"role {role.value}, address confirmed by email"
                _append(conn, AuditNote(actor, "account.created", email, detail), now)
            return account, created

    # Preferences

    def newsletter(self, account_id: int) -> bool:
        query = sa.select(account_preferences.c.newsletter).where(
            account_preferences.c.account_id == account_id
        )
        with self._connection("newsletter") as conn:
            return bool(conn.execute(query).scalar_one_or_none())

    def set_newsletter(self, account_id: int, newsletter: bool) -> None:
        with self._connection("set_newsletter", write=True) as conn:
            statement = upsert(
                conn.dialect.name, account_preferences, ["account_id"], ["newsletter"]
            )
            conn.execute(statement.values(account_id=account_id, newsletter=newsletter))

    # Metered reads

    def metered_articles(self, account_id: int, month: str) -> frozenset[str]:
        """The members-only articles the account read in full in ``month`` (``YYYY-MM``)."""
        query = sa.select(metered_reads.c.article_id).where(
            metered_reads.c.account_id == account_id, metered_reads.c.month == month
        )
        with self._connection("metered_articles") as conn:
            return frozenset(conn.execute(query).scalars())

    def record_metered_read(
        self, account_id: int, month: str, article_id: str, now: datetime
    ) -> None:
        key = ["account_id", "month", "article_id"]
        with self._connection("record_metered_read", write=True) as conn:
            statement = insert_ignoring_conflicts(conn.dialect.name, metered_reads, key)
            conn.execute(
                statement.values(
                    account_id=account_id, month=month, article_id=article_id, read_at=now
                )
            )

    @contextmanager
    def _connection(self, operation: str, *, write: bool = False) -> Iterator[Connection]:
        with store_connection(self.engine, self.url, operation, write=write) as conn:
            yield conn


def _append(conn: Connection, note: AuditNote, now: datetime) -> None:
    append_event(
        conn, at=now, actor=note.actor, action=note.action, subject=note.subject,
        detail=note.detail,
    )  # fmt: skip


def _delete_sessions_of(conn: Connection, account_id: int) -> int:
    result = conn.execute(sa.delete(web_sessions).where(web_sessions.c.account_id == account_id))
    return int(result.rowcount)


def _usable_reset(conn: Connection, token_hash: str, now: datetime) -> int | None:
    query = sa.select(password_resets.c.account_id).where(
        password_resets.c.token_hash == token_hash,
        password_resets.c.account_id.is_not(None),
        password_resets.c.used_at.is_(None),
        password_resets.c.expires_at > now,
    )
    found = conn.execute(query).scalar_one_or_none()
    return int(found) if found is not None else None


def _usable_signup(conn: Connection, token_hash: str, now: datetime) -> RowMapping | None:
    query = sa.select(signup_requests).where(
        signup_requests.c.token_hash == token_hash,
        signup_requests.c.used_at.is_(None),
        signup_requests.c.expires_at > now,
    )
    return conn.execute(query).mappings().first()
