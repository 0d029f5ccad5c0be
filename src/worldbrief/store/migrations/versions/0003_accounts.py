"""Membership: accounts, API tokens, plans, subscriptions and the audit log.

Revision ID: 0003
Revises: 0002
Create Date: 2025-03-01

New tables only; nothing already stored changes. Types are spelled out, as in 0001.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _id() -> sa.types.TypeEngine[int]:
    # INTEGER exactly on SQLite, so the column is the rowid.
    return sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _account_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["account_id"], ["accounts.id"], name=f"fk_{table}_account_id_accounts", ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", _id(), nullable=False, autoincrement=True),
        sa.Column("email", sa.Text, nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("last_login_at", _utc()),
        sa.PrimaryKeyConstraint("id", name="pk_accounts"),
        sa.UniqueConstraint("email", name="uq_accounts_email"),
        sa.CheckConstraint(
            "role IN ('registered', 'analyst', 'editor', 'admin')", name="ck_accounts_role"
        ),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", _id(), nullable=False, autoincrement=True),
        sa.Column("account_id", sa.BigInteger, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("prefix", sa.Text, nullable=False),
        sa.Column("secret_hash", sa.Text, nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("last_used_at", _utc()),
        sa.Column("revoked_at", _utc()),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("prefix", name="uq_api_tokens_prefix"),
        _account_fk("api_tokens"),
    )
    op.create_index("ix_api_tokens_account_id", "api_tokens", ["account_id"])
    op.create_table(
        "plans",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("price_cents", sa.Integer, nullable=False),
        sa.Column("currency", sa.Text, nullable=False),
        sa.Column("period", sa.Text, nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_plans"),
        sa.CheckConstraint("period IN ('month', 'year')", name="ck_plans_period"),
        sa.CheckConstraint("price_cents >= 0", name="ck_plans_price_cents"),
    )
    op.create_table(
        "subscriptions",
        sa.Column("id", _id(), nullable=False, autoincrement=True),
        sa.Column("account_id", sa.BigInteger, nullable=False),
        sa.Column("plan_id", sa.Text, nullable=False),
        sa.Column("starts_at", _utc(), nullable=False),
        sa.Column("ends_at", _utc(), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("reference", sa.Text),
        sa.Column("created_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_subscriptions"),
        sa.UniqueConstraint("reference", name="uq_subscriptions_reference"),
        _account_fk("subscriptions"),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], name="fk_subscriptions_plan_id_plans"),
        sa.CheckConstraint("source IN ('admin', 'provider')", name="ck_subscriptions_source"),
        sa.CheckConstraint("ends_at > starts_at", name="ck_subscriptions_dates"),
    )
    op.create_index("ix_subscriptions_account_id", "subscriptions", ["account_id"])
    op.create_table(
        "audit_events",
        sa.Column("seq", _id(), nullable=False, autoincrement=True),
        sa.Column("at", _utc(), nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_audit_events"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_audit_events_subject", "audit_events", ["subject"])


def downgrade() -> None:
    for table in ("audit_events", "subscriptions", "plans", "api_tokens", "accounts"):
        op.drop_table(table)
