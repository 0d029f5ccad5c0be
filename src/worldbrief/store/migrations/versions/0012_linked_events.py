"""Distinct events, linked across the articles that report them.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30

``events`` holds one row per distinct event: type, subtype, date (``event_date``, ISO text, and
``week``, its Monday), the place of its first report (``place`` JSON, ``place_country``,
``place_admin1``, ``lat``, ``lon``), the actors of all its reports (JSON), the most fatalities
any report gives, when it was first and last reported and by how many articles (``sources``).
``event_entities`` lists the known entities among each event's actors by (entity, date).
``article_events.event_id`` points each report at its event. Linking happens as articles are
written (``store.event_links``); reports stored before this revision are linked when their
article is next written (``worldbrief enrich --stages events``).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from worldbrief.store.dialect import json_document

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("subtype", sa.Text, nullable=False),
        sa.Column("event_date", sa.Text),
        sa.Column("date_precision", sa.Text),
        sa.Column("week", sa.Text),
        sa.Column("place", json_document()),
        sa.Column("place_country", sa.Text),
        sa.Column("place_admin1", sa.Text),
        sa.Column("lat", sa.Double),
        sa.Column("lon", sa.Double),
        sa.Column("actors", json_document(), nullable=False),
        sa.Column("fatalities", sa.Integer),
        sa.Column("fatalities_approximate", sa.Boolean, nullable=False),
        sa.Column("first_reported", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_reported", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sources", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    op.create_index(
        "ix_events_subtype_place_country_event_date",
        "events",
        ["subtype", "place_country", "event_date"],
    )
    op.create_index(
        "ix_events_place_country_event_date_id", "events", ["place_country", "event_date", "id"]
    )
    op.create_index(
        "ix_events_place_country_week_type", "events", ["place_country", "week", "type"]
    )
    op.create_index("ix_events_type_week", "events", ["type", "week"])
    op.create_index("ix_events_event_date_id", "events", ["event_date", "id"])
    op.create_table(
        "event_entities",
        sa.Column("entity_id", sa.Text, nullable=False),
        sa.Column("event_date", sa.Text, nullable=False),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("entity_id", "event_date", "event_id", name="pk_event_entities"),
        sqlite_with_rowid=False,
    )
    op.add_column("article_events", sa.Column("event_id", sa.Text))
    op.create_index("ix_article_events_event_id", "article_events", ["event_id"])


def downgrade() -> None:
    op.drop_index("ix_article_events_event_id", table_name="article_events")
    with op.batch_alter_table("article_events", naming_convention=NAMING_CONVENTION) as batch:
        batch.drop_column("event_id")
    op.drop_table("event_entities")
    op.drop_table("events")
