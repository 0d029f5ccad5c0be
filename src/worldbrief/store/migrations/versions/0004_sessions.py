"""Web sign-in: sessions, login failures, password resets, preferences and metered reads.

Revision ID: 0004
Revises: 0003
Create Date: 2025-03-08

New tables only. Session ids and reset tokens are kept as their SHA-256, never in plain text.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _id() -> sa.types.TypeEngine[int]:
    return sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _account_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["account_id"], ["accounts.id"], name=f"fk_{table}_account_id_accounts", ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("id_hash", sa.Text, nullable=False),
        sa.Column("account_id", sa.BigInteger, nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("last_seen_at", _utc(), nullable=False),
        sa.Column("expires_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id_hash", name="pk_web_sessions"),
        _account_fk("web_sessions"),
    )
    op.create_index("ix_web_sessions_account_id", "web_sessions", ["account_id"])
    op.create_table(
        "login_failures",
        sa.Column("id", _id(), nullable=False, autoincrement=True),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_login_failures"),
    )
    op.create_index("ix_login_failures_key", "login_failures", ["key"])
    op.create_table(
        "password_resets",
        sa.Column("token_hash", sa.Text, nullable=False),
        sa.Column("account_id", sa.BigInteger, nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("expires_at", _utc(), nullable=False),
        sa.Column("used_at", _utc()),
        sa.PrimaryKeyConstraint("token_hash", name="pk_password_resets"),
        _account_fk("password_resets"),
    )
    op.create_index("ix_password_resets_account_id", "password_resets", ["account_id"])
    op.create_table(
        "account_preferences",
        sa.Column("account_id", sa.BigInteger, nullable=False),
        sa.Column("newsletter", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("account_id", name="pk_account_preferences"),
        _account_fk("account_preferences"),
    )
    op.create_table(
        "metered_reads",
        sa.Column("account_id", sa.BigInteger, nullable=False),
        sa.Column("month", sa.Text, nullable=False),
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("read_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("account_id", "month", "article_id", name="pk_metered_reads"),
        _account_fk("metered_reads"),
    )


def downgrade() -> None:
    for table in (
        "metered_reads",
        "account_preferences",
        "password_resets",
        "login_failures",
        "web_sessions",
    ):
        op.drop_table(table)
