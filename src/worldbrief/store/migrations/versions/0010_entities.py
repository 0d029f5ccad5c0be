"""Named entities in tables of their own: the catalog of entities and each article's mentions.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30

``entities`` holds one row per entity id (curated or learned): canonical ``name``, ``type``,
``aliases`` and ``countries`` (JSON lists), and ``first_seen`` / ``last_seen``, the earliest and
latest publication time of an article naming it. ``article_entities`` holds each article's
entities in order of first mention, as that article names them (``mentions``: JSON list of
``[start, end]``), with the article's ``published_at`` so an entity's articles, newest first,
are one index range on ``(entity_id, published_at, article_id)``. Rows go with their article.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "entities",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("aliases", _json(), nullable=False),
        sa.Column("countries", _json(), nullable=False),
        sa.Column("first_seen", _utc(), nullable=False),
        sa.Column("last_seen", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_entities"),
    )
    op.create_table(
        "article_entities",
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("entity_id", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("aliases", _json(), nullable=False),
        sa.Column("countries", _json(), nullable=False),
        sa.Column("mentions", _json(), nullable=False),
        sa.Column("published_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "position", name="pk_article_entities"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_article_entities_article_id_articles",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_article_entities_entity_id_published_at_article_id",
        "article_entities",
        ["entity_id", "published_at", "article_id"],
    )


def downgrade() -> None:
    op.drop_index(
        "ix_article_entities_entity_id_published_at_article_id", table_name="article_entities"
    )
    op.drop_table("article_entities")
    op.drop_table("entities")
