"""Initial schema: articles with authors, countries and regions; the change log; feeds.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

Types are spelled out here rather than imported, so this revision keeps meaning what it meant
when later revisions change the Python side.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("teaser", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("body_format", sa.Text, nullable=False),
        sa.Column("plain_text", sa.Text, nullable=False),
        sa.Column("published_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc()),
        sa.Column("source_name", sa.Text),
        sa.Column("source_url", sa.Text),
        sa.Column("feed_url", sa.Text),
        sa.Column("language", sa.Text),
        sa.Column("reading_minutes", sa.Integer, nullable=False),
        sa.Column("access", sa.Text, nullable=False),
        sa.Column("media_url", sa.Text),
        sa.Column("content_hash", sa.Text, nullable=False),
        sa.Column("simhash", sa.BigInteger),
        sa.Column("simhash_band0", sa.Integer),
        sa.Column("simhash_band1", sa.Integer),
        sa.Column("simhash_band2", sa.Integer),
        sa.Column("simhash_band3", sa.Integer),
        sa.Column("duplicate_of", sa.Text),
        sa.Column("metadata", _json(), nullable=False),
        sa.Column("places", _json(), nullable=False),
        sa.Column("entities", _json(), nullable=False),
        sa.Column("fingerprint", sa.Text, nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
    )
    for column in (
        "published_at",
        "source_url",
        "content_hash",
        "simhash_band0",
        "simhash_band1",
        "simhash_band2",
        "simhash_band3",
        "duplicate_of",
    ):
        op.create_index(f"ix_articles_{column}", "articles", [column])

    op.create_table(
        "article_authors",
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("role", sa.Text),
        sa.PrimaryKeyConstraint("article_id", "position", name="pk_article_authors"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_article_authors_article_id_articles",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "article_countries",
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("code", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("score", sa.Double, nullable=False),
        sa.Column("focus", sa.Boolean, nullable=False),
        sa.Column("evidence", _json(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "position", name="pk_article_countries"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_article_countries_article_id_articles",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_article_countries_code_focus", "article_countries", ["code", "focus"])
    op.create_table(
        "article_regions",
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("region_id", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("article_id", "position", name="pk_article_regions"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_article_regions_article_id_articles",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_article_regions_region_id", "article_regions", ["region_id"])

    op.create_table(
        "changes",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
            autoincrement=True,
        ),
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("op", sa.Text, nullable=False),
        sa.Column("at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_changes"),
        sa.CheckConstraint("op IN ('upsert', 'delete')", name="ck_changes_op"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "feeds",
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("added_at", _utc(), nullable=False),
        sa.Column("last_polled_at", _utc()),
        sa.Column("last_success_at", _utc()),
        sa.Column("last_error", sa.Text),
        sa.Column("consecutive_failures", sa.Integer, nullable=False),
        sa.Column("entries_ingested", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("url", name="pk_feeds"),
    )


def downgrade() -> None:
    for table in (
        "feeds",
        "changes",
        "article_regions",
        "article_countries",
        "article_authors",
        "articles",
    ):
        op.drop_table(table)
