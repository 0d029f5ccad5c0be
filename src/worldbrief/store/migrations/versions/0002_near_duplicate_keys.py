"""Near-duplicate keys: MinHash LSH band keys in their own table replace the SimHash columns.

Revision ID: 0002
Revises: 0001
Create Date: 2025-02-01

Keys of the articles already stored are computed here from their text, so they can be found
as originals at once (about 1 ms per article); the algorithm is the product's, as it must match
what ingest computes.

On SQLite the columns are dropped in place (``ALTER TABLE ... DROP COLUMN``, SQLite 3.35+, which
the store already needs for ``RETURNING``) and never by copying the table: dropping ``articles``
to copy it would cascade-delete every author, country and region row.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.engine import Connection

from worldbrief.enrich.fingerprint import near_duplicate_keys

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BANDS = ("simhash_band0", "simhash_band1", "simhash_band2", "simhash_band3")
_CHUNK = 500
_articles = sa.table("articles", sa.column("id"), sa.column("title"), sa.column("plain_text"))
_keys = sa.table(
    "near_duplicate_keys", sa.column("article_id", sa.Text), sa.column("key", sa.BigInteger)
)


def upgrade() -> None:
    with op.batch_alter_table("articles", recreate="never") as batch:
        for column in _BANDS:
            batch.drop_index(f"ix_articles_{column}")
        for column in ("simhash", *_BANDS):
            batch.drop_column(column)

    op.create_table(
        "near_duplicate_keys",
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("key", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("article_id", "key", name="pk_near_duplicate_keys"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_near_duplicate_keys_article_id_articles",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_near_duplicate_keys_key_article_id", "near_duplicate_keys", ["key", "article_id"]
    )
    _backfill_keys(op.get_bind())


def _backfill_keys(conn: Connection) -> None:
    after = ""
    while True:
        page = conn.execute(
            sa.select(_articles.c.id, _articles.c.title, _articles.c.plain_text)
            .where(_articles.c.id > after)
            .order_by(_articles.c.id)
            .limit(_CHUNK)
        ).all()
        if not page:
            return
        rows = [
            {"article_id": article_id, "key": key}
            for article_id, title, plain_text in page
            for key in near_duplicate_keys(plain_text[len(title) :])
        ]
        if rows:
            conn.execute(sa.insert(_keys), rows)
        after = page[-1].id


def downgrade() -> None:
    op.drop_table("near_duplicate_keys")
    with op.batch_alter_table("articles", recreate="never") as batch:
        batch.add_column(sa.Column("simhash", sa.BigInteger))
        for column in _BANDS:
            batch.add_column(sa.Column(column, sa.Integer))
            batch.create_index(f"ix_articles_{column}", [column])
