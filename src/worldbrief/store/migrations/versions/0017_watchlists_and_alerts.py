"""Watchlists and alerts.

Revision ID: 0017
Revises: 0014
Create Date: 2026-11-30

New tables only; nothing already stored changes. ``watchlists`` (what a reader follows and how
it is delivered), ``watchlist_terms`` (the inverted index of their criteria that the alert pass
reads), ``alerts`` (one row per watchlist, kind and item: unique, so a pass run twice records
nothing twice) and ``alert_cursors`` (how far the pass has read the change log). The cursor
starts absent: the first pass begins at the oldest watchlist's ``created_seq``.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from worldbrief.store.dialect import json_document

revision: str = "0017"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STATES = "('off', 'pending', 'sent', 'failed')"


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _id() -> sa.types.TypeEngine[int]:
    # INTEGER exactly on SQLite, so the column is the rowid.
    return sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _watchlist_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["watchlist_id"],
        ["watchlists.id"],
        name=f"fk_{table}_watchlist_id_watchlists",
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "watchlists",
        sa.Column("id", _id(), nullable=False, autoincrement=True),
        sa.Column("account_id", sa.BigInteger),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("criteria", json_document(), nullable=False),
        sa.Column("email_mode", sa.Text, nullable=False),
        sa.Column("webhook_url", sa.Text),
        sa.Column("atom_token_hash", sa.Text),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.Column("created_seq", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_watchlists"),
        sa.UniqueConstraint("atom_token_hash", name="uq_watchlists_atom_token_hash"),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name="fk_watchlists_account_id_accounts",
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(
            "email_mode IN ('immediate', 'daily', 'weekly', 'off')", name="ck_watchlists_email_mode"
        ),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_watchlists_account_id", "watchlists", ["account_id"])
    op.create_table(
        "watchlist_terms",
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("facet", sa.Text, nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("watchlist_id", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint(
            "kind", "facet", "value", "watchlist_id", name="pk_watchlist_terms"
        ),
        _watchlist_fk("watchlist_terms"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_watchlist_terms_watchlist_id", "watchlist_terms", ["watchlist_id"])
    op.create_table(
        "alerts",
        sa.Column("id", _id(), nullable=False, autoincrement=True),
        sa.Column("watchlist_id", sa.BigInteger, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("item_id", sa.Text, nullable=False),
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("reasons", json_document(), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("email_state", sa.Text, nullable=False),
        sa.Column("email_at", _utc()),
        sa.Column("webhook_state", sa.Text, nullable=False),
        sa.Column("webhook_attempts", sa.Integer, nullable=False),
        sa.Column("webhook_at", _utc()),
        sa.Column("webhook_error", sa.Text),
        sa.Column("read_at", _utc()),
        sa.PrimaryKeyConstraint("id", name="pk_alerts"),
        sa.UniqueConstraint(
            "watchlist_id", "kind", "item_id", name="uq_alerts_watchlist_id_kind_item_id"
        ),
        _watchlist_fk("alerts"),
        sa.CheckConstraint("kind IN ('article', 'event')", name="ck_alerts_kind"),
        sa.CheckConstraint(f"email_state IN {_STATES}", name="ck_alerts_email_state"),
        sa.CheckConstraint(f"webhook_state IN {_STATES}", name="ck_alerts_webhook_state"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_alerts_watchlist_id_id", "alerts", ["watchlist_id", "id"])
    op.create_index("ix_alerts_email_state_id", "alerts", ["email_state", "id"])
    op.create_index("ix_alerts_webhook_state_id", "alerts", ["webhook_state", "id"])
    op.create_table(
        "alert_cursors",
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_alert_cursors"),
    )


def downgrade() -> None:
    for table in ("alert_cursors", "alerts", "watchlist_terms", "watchlists"):
        op.drop_table(table)
