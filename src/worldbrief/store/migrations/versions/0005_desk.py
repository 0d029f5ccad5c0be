"""The editorial desk: drafts and their revisions.

Revision ID: 0005
Revises: 0004
Create Date: 2025-03-15

New tables only. A draft's content is kept in columns (to list and filter) and every save is
also kept whole, as JSON, in ``desk_revisions``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "desk_drafts",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
            autoincrement=True,
        ),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("teaser", sa.Text, nullable=False),
        sa.Column("authors", _json(), nullable=False),
        sa.Column("countries", _json(), nullable=False),
        sa.Column("access", sa.Text, nullable=False),
        sa.Column("media_url", sa.Text),
        sa.Column("publish_at", _utc()),
        sa.Column("article_id", sa.Text),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("created_by", sa.Text, nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_desk_drafts"),
        sa.CheckConstraint(
            "status IN ('draft', 'submitted', 'scheduled', 'published', 'rejected')",
            name="ck_desk_drafts_status",
        ),
        sa.CheckConstraint("access IN ('free', 'members')", name="ck_desk_drafts_access"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_desk_drafts_status", "desk_drafts", ["status"])
    op.create_index("ix_desk_drafts_created_by", "desk_drafts", ["created_by"])
    op.create_table(
        "desk_revisions",
        sa.Column("draft_id", sa.BigInteger, nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("saved_by", sa.Text, nullable=False),
        sa.Column("saved_at", _utc(), nullable=False),
        sa.Column("snapshot", _json(), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("draft_id", "number", name="pk_desk_revisions"),
        sa.ForeignKeyConstraint(
            ["draft_id"],
            ["desk_drafts.id"],
            name="fk_desk_revisions_draft_id_desk_drafts",
            ondelete="CASCADE",
        ),
    )


def downgrade() -> None:
    op.drop_table("desk_revisions")
    op.drop_table("desk_drafts")
