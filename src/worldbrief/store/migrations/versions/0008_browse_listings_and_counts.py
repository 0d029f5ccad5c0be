"""Listings and running counts for browsing, so pages cost the same at any store size.

Revision ID: 0008
Revises: 0006
Create Date: 2025-04-02

``country_listings`` and ``region_listings`` hold one row per focus country (or region) and
article, keyed ``(key, published_at, article_id)``, with the article's type and access (and the
country's focus score): a page of the newest articles about a place is an index range, and so
is the next page after a cursor.
``article_counts`` keeps the number of articles per facet value. ``articles`` gains
``(published_at, id)`` and ``(duplicate_of, published_at, id)`` (replacing the indexes on
``published_at`` and ``duplicate_of`` alone) and ``(type, published_at, id)``. The tables are
filled here from what is stored.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LISTINGS = (("country_listings", "code"), ("region_listings", "region_id"))


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    for table, key in _LISTINGS:
        extra = [sa.Column("score", sa.Double, nullable=False)] if key == "code" else []
        op.create_table(
            table,
            sa.Column(key, sa.Text, nullable=False),
            sa.Column("published_at", _utc(), nullable=False),
            sa.Column("article_id", sa.Text, nullable=False),
            sa.Column("type", sa.Text, nullable=False),
            sa.Column("access", sa.Text, nullable=False),
            *extra,
            sa.PrimaryKeyConstraint(key, "published_at", "article_id", name=f"pk_{table}"),
            sqlite_with_rowid=False,
        )
    op.create_table(
        "article_counts",
        sa.Column("facet", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("articles", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("facet", "key", name="pk_article_counts"),
        sa.CheckConstraint(
            "facet IN ('all', 'country', 'region', 'type', 'access', 'year')",
            name="ck_article_counts_facet",
        ),
        sqlite_with_rowid=False,
    )
    _fill()
    # Indexes after the rows: building one at the end is faster than keeping it while filling.
    for table, key in _LISTINGS:
        op.create_index(
            f"ix_{table}_{key}_type_published_at_article_id",
            table,
            [key, "type", "published_at", "article_id"],
        )
    op.drop_index("ix_articles_published_at", "articles")
    op.create_index("ix_articles_published_at_id", "articles", ["published_at", "id"])
    op.create_index("ix_articles_type_published_at_id", "articles", ["type", "published_at", "id"])
    op.drop_index("ix_articles_duplicate_of", "articles")
    op.create_index(
        "ix_articles_duplicate_of_published_at_id",
        "articles",
        ["duplicate_of", "published_at", "id"],
    )


def _fill() -> None:
    op.execute(
        "INSERT INTO country_listings (code, published_at, article_id, type, access, score) "
        "SELECT c.code, a.published_at, a.id, a.type, a.access, max(c.score) "
        "FROM article_countries c JOIN articles a ON a.id = c.article_id WHERE c.focus "
        "GROUP BY c.code, a.published_at, a.id, a.type, a.access"
    )
    op.execute(
        "INSERT INTO region_listings (region_id, published_at, article_id, type, access) "
        "SELECT DISTINCT r.region_id, a.published_at, a.id, a.type, a.access "
        "FROM article_regions r JOIN articles a ON a.id = r.article_id"
    )
    year = (
        "strftime('%Y', published_at)"
        if op.get_bind().dialect.name == "sqlite"
        else "to_char(published_at AT TIME ZONE 'UTC', 'YYYY')"
    )
    op.execute(
        "INSERT INTO article_counts (facet, key, articles) "
        "SELECT 'all', '', count(*) FROM articles HAVING count(*) > 0"
    )
    for facet, key, source in (
        ("country", "code", "country_listings"),
        ("region", "region_id", "region_listings"),
        ("type", "type", "articles"),
        ("access", "access", "articles"),
        ("year", year, "articles"),
    ):
        # Every name here is one of the constants above, never input.
        fill = f"SELECT '{facet}', {key}, count(*) FROM {source} GROUP BY {key}"  # noqa: S608
        op.execute("INSERT INTO article_counts (facet, key, articles) " + fill)


def downgrade() -> None:
    op.drop_index("ix_articles_duplicate_of_published_at_id", "articles")
    op.create_index("ix_articles_duplicate_of", "articles", ["duplicate_of"])
    op.drop_index("ix_articles_type_published_at_id", "articles")
    op.drop_index("ix_articles_published_at_id", "articles")
    op.create_index("ix_articles_published_at", "articles", ["published_at"])
    op.drop_table("article_counts")
    for table, key in _LISTINGS:
        op.drop_index(f"ix_{table}_{key}_type_published_at_article_id", table)
        op.drop_table(table)
