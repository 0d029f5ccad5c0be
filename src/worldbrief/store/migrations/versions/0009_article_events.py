"""The events each article reports, kept by the ``events`` enrichment stage.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30

One row per event and article (``article_events``), main event first, with its type, subtype,
date, place and actors; indexed by subtype and by the place's country, each with the date.
Stored articles get their events when ``worldbrief enrich --stages events`` runs over them.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from worldbrief.store.dialect import json_document

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "article_events",
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("subtype", sa.Text, nullable=False),
        sa.Column("confidence", sa.Double, nullable=False),
        sa.Column("event_date", sa.Text),
        sa.Column("date_precision", sa.Text),
        sa.Column("date_text", sa.Text),
        sa.Column("place_country", sa.Text),
        sa.Column("place_admin1", sa.Text),
        sa.Column("place", json_document()),
        sa.Column("actors", json_document(), nullable=False),
        sa.Column("fatalities", sa.Integer),
        sa.Column("fatalities_approximate", sa.Boolean, nullable=False),
        sa.Column("evidence", json_document(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_article_events_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "position", name="pk_article_events"),
    )
    op.create_index(
        "ix_article_events_subtype_event_date", "article_events", ["subtype", "event_date"]
    )
    op.create_index(
        "ix_article_events_place_country_event_date",
        "article_events",
        ["place_country", "event_date"],
    )


def downgrade() -> None:
    op.drop_table("article_events")
