"""Accounts by email or id: create, read, change role, disable, record logins and rehashes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.domain.account import Account, Role
from worldbrief.store.account_errors import AccountExistsError, AccountNotFoundError
from worldbrief.store.account_rows import account_of
from worldbrief.store.dialect import insert_ignoring_conflicts
from worldbrief.store.schema import accounts


def insert_account(
    conn: Connection, email: str, password_hash: str, role: Role, now: datetime
) -> Account:
    """Callers hold the write lock, so the check and the insert cannot race another writer."""
    if find_account(conn, email) is not None:
        raise AccountExistsError(f"an account with email {email!r} already exists")
    conn.execute(
        sa.insert(accounts).values(
            email=email, password_hash=password_hash, role=role.value, disabled=False,
            created_at=now,
        )
    )  # fmt: skip
    return require_account(conn, email)


def insert_account_if_new(
    conn: Connection, email: str, password_hash: str, role: Role, now: datetime
) -> tuple[Account, bool]:
    """The account at ``email`` and whether it was created now. The same statements run
    whether or not it existed, so the work done tells no one which was the case."""
    statement = insert_ignoring_conflicts(conn.dialect.name, accounts, ["email"])
    # RETURNING, not rowcount: drivers disagree on the rowcount of a skipped insert.
    inserted = conn.execute(
        statement.values(
            email=email, password_hash=password_hash, role=role.value, disabled=False,
            created_at=now,
        ).returning(accounts.c.id)
    ).first()  # fmt: skip
    return require_account(conn, email), inserted is not None


def find_account(conn: Connection, email: str) -> Account | None:
    row = conn.execute(sa.select(accounts).where(accounts.c.email == email)).mappings().first()
    return account_of(row) if row else None


def find_account_by_id(conn: Connection, account_id: int) -> Account | None:
    row = conn.execute(sa.select(accounts).where(accounts.c.id == account_id)).mappings().first()
    return account_of(row) if row else None


def require_account(conn: Connection, email: str) -> Account:
    found = find_account(conn, email)
    if found is None:
        raise AccountNotFoundError(f"no account with email {email!r}")
    return found


def list_accounts(conn: Connection) -> list[Account]:
    rows = conn.execute(sa.select(accounts).order_by(accounts.c.email)).mappings()
    return [account_of(row) for row in rows]


def password_hash_of(conn: Connection, email: str) -> tuple[Account, str] | None:
    row = conn.execute(sa.select(accounts).where(accounts.c.email == email)).mappings().first()
    return (account_of(row), row["password_hash"]) if row else None


def update_account(conn: Connection, account_id: int, **values: Any) -> None:
    conn.execute(sa.update(accounts).where(accounts.c.id == account_id).values(**values))
