"""Upgrading a store written by revision 0005: reset links issued before the upgrade keep
working, and requests for unknown addresses can be recorded afterwards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import command

from worldbrief.store import SessionStore, open_store
from worldbrief.store.dialect import UtcDateTime
from worldbrief.store.engine import create_store_engine, write_transaction
from worldbrief.store.migrate import alembic_config

NOW = datetime(2025, 3, 1, tzinfo=UTC)
accounts_0005 = sa.table(
    "accounts", *(sa.column(n) for n in ("id", "email", "password_hash", "role", "disabled")),
    sa.column("created_at", UtcDateTime),
)  # fmt: skip
resets_0005 = sa.table(
    "password_resets", sa.column("token_hash"), sa.column("account_id"),
    *(sa.column(n, UtcDateTime) for n in ("created_at", "expires_at")),
)  # fmt: skip


def test_reset_links_survive_the_upgrade(store_url: str) -> None:
    engine = create_store_engine(store_url)
    config = alembic_config()
    try:
        with write_transaction(engine) as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0005")
            conn.execute(sa.insert(accounts_0005).values(
                id=7, email="ann@example.org", password_hash="x", role="registered",
                disabled=False, created_at=NOW,
            ))  # fmt: skip
            conn.execute(sa.insert(resets_0005).values(
                token_hash="abc", account_id=7, created_at=NOW, expires_at=NOW + timedelta(hours=1)
            ))  # fmt: skip
    finally:
        engine.dispose()
    store = open_store(store_url)
    try:
        sessions = SessionStore.alongside(store)
        account = sessions.reset_account("abc", NOW)
        assert account is not None and account.email == "ann@example.org"
    finally:
        store.close()
