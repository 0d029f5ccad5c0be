"""API token rows: created, listed per account, found by prefix, touched and revoked."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.domain.account import ApiToken
from worldbrief.store.account_errors import TokenNotFoundError
from worldbrief.store.account_rows import token_of
from worldbrief.store.row_ids import is_row_id
from worldbrief.store.schema import api_tokens


def insert_token(
    conn: Connection, account_id: int, name: str, prefix: str, secret_hash: str, now: datetime
) -> ApiToken:
    conn.execute(
        sa.insert(api_tokens).values(
            account_id=account_id, name=name, prefix=prefix, secret_hash=secret_hash,
            created_at=now,
        )
    )  # fmt: skip
    row = conn.execute(sa.select(api_tokens).where(api_tokens.c.prefix == prefix)).mappings().one()
    return token_of(row)


def tokens_of(conn: Connection, account_id: int) -> list[ApiToken]:
    query = (
        sa.select(api_tokens).where(api_tokens.c.account_id == account_id).order_by(api_tokens.c.id)
    )
    return [token_of(row) for row in conn.execute(query).mappings()]


def token_by_prefix(conn: Connection, prefix: str) -> tuple[ApiToken, str] | None:
    """The token with ``prefix`` and its stored secret hash."""
    query = sa.select(api_tokens).where(api_tokens.c.prefix == prefix)
    row = conn.execute(query).mappings().first()
    return (token_of(row), row["secret_hash"]) if row else None


def require_token(conn: Connection, token_id: int) -> ApiToken:
    if not is_row_id(token_id):
        raise TokenNotFoundError(f"no API token with id {token_id}")
    row = conn.execute(sa.select(api_tokens).where(api_tokens.c.id == token_id)).mappings().first()
    if row is None:
        raise TokenNotFoundError(f"no API token with id {token_id}")
    return token_of(row)


def revoke_token(conn: Connection, token_id: int, now: datetime) -> ApiToken:
    conn.execute(
        sa.update(api_tokens)
        .where(api_tokens.c.id == token_id, api_tokens.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return require_token(conn, token_id)


def touch_token(conn: Connection, token_id: int, now: datetime, resolution: timedelta) -> bool:
    """Set ``last_used_at`` unless it was set less than ``resolution`` ago; True if written."""
    stale = sa.or_(
        api_tokens.c.last_used_at.is_(None), api_tokens.c.last_used_at < now - resolution
    )
    query = sa.update(api_tokens).where(api_tokens.c.id == token_id, stale)
    return bool(conn.execute(query.values(last_used_at=now)).rowcount)
