"""Alert delivery: readers' mail settings, mailings sent, webhook health, the signing key.

Revision ID: 0019
Revises: 0017
Create Date: 2026-11-30

New tables only. ``alert_reader_settings`` (a reader's time zone and quiet hours),
``alert_mailings`` (one row per alert mail sent: what the rate limit, the cooldown and the
digest schedule count), ``webhook_health`` (a watchlist's consecutive webhook failures and why
its webhook was disabled) and ``alert_keys`` (the key that signs unsubscribe links and webhook
secrets, made on first use unless configured).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _id() -> sa.types.TypeEngine[int]:
    return sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "alert_reader_settings",
        sa.Column("account_id", sa.BigInteger, nullable=False),
        sa.Column("time_zone", sa.Text, nullable=False),
        sa.Column("quiet_start", sa.Integer),
        sa.Column("quiet_end", sa.Integer),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("account_id", name="pk_alert_reader_settings"),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name="fk_alert_reader_settings_account_id_accounts",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "alert_mailings",
        sa.Column("id", _id(), nullable=False, autoincrement=True),
        sa.Column("account_id", sa.BigInteger, nullable=False),
        sa.Column("watchlist_id", sa.BigInteger),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("alerts", sa.Integer, nullable=False),
        sa.Column("message_id", sa.Text, nullable=False),
        sa.Column("sent_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_alert_mailings"),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name="fk_alert_mailings_account_id_accounts",
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(
            "kind IN ('immediate', 'daily', 'weekly')", name="ck_alert_mailings_kind"
        ),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_alert_mailings_account_id_kind_sent_at",
        "alert_mailings",
        ["account_id", "kind", "sent_at"],
    )
    op.create_index(
        "ix_alert_mailings_watchlist_id_sent_at", "alert_mailings", ["watchlist_id", "sent_at"]
    )
    op.create_table(
        "webhook_health",
        sa.Column("watchlist_id", sa.BigInteger, nullable=False),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("disabled_at", _utc()),
        sa.Column("disabled_reason", sa.Text),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("watchlist_id", name="pk_webhook_health"),
        sa.ForeignKeyConstraint(
            ["watchlist_id"],
            ["watchlists.id"],
            name="fk_webhook_health_watchlist_id_watchlists",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "alert_keys",
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("secret", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_alert_keys"),
    )


def downgrade() -> None:
    for table in ("alert_keys", "webhook_health", "alert_mailings", "alert_reader_settings"):
        op.drop_table(table)
