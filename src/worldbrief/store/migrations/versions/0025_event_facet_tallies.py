"""Kept tallies of distinct dated events per country, month and type, and per known entity.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-01

``event_months (country, month, type) -> events`` counts the rows of ``events`` that have a
date, by the month of ``event_date`` (``YYYY-MM``); ``country`` is "" for an event placed in no
country. ``event_entity_counts (entity_id) -> events`` counts the dated events naming each known
entity (``event_entities``). ``store.event_week_tallies`` and ``store.event_entity_tallies``
keep them in the transaction that links, settles or unlinks events; they are filled here from
the stored events, so the unfiltered events search reads its totals and facets from them.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "event_months",
        sa.Column("country", sa.Text, nullable=False),
        sa.Column("month", sa.Text, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("events", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("country", "month", "type", name="pk_event_months"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "event_entity_counts",
        sa.Column("entity_id", sa.Text, nullable=False),
        sa.Column("events", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("entity_id", name="pk_event_entity_counts"),
        sqlite_with_rowid=False,
    )
    op.create_index(
        "ix_event_entity_counts_events_entity_id", "event_entity_counts", ["events", "entity_id"]
    )
    # One pass over the stored events each, by the database itself.
    op.execute(
        "INSERT INTO event_months (country, month, type, events) "
        "SELECT COALESCE(place_country, ''), SUBSTR(event_date, 1, 7), type, COUNT(*) "
        "FROM events WHERE event_date IS NOT NULL "
        "GROUP BY COALESCE(place_country, ''), SUBSTR(event_date, 1, 7), type"
    )
    op.execute(
        "INSERT INTO event_entity_counts (entity_id, events) "
        "SELECT entity_id, COUNT(*) FROM event_entities WHERE event_date <> '' "
        "GROUP BY entity_id"
    )


def downgrade() -> None:
    op.drop_index("ix_event_entity_counts_events_entity_id", table_name="event_entity_counts")
    op.drop_table("event_entity_counts")
    op.drop_table("event_months")
