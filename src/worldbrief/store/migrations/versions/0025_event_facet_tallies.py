"""Kept counts of distinct dated events per type, country, month and known entity.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-01

``event_facet_counts (facet, value) -> events`` counts the rows of ``events`` that have a date
by ``type``, by ``country`` (events placed in no country are left out), by ``month`` of
``event_date`` (``YYYY-MM``), and by known entity (``actor``: the dated events of
``event_entities``). ``store.event_week_tallies`` and ``store.event_entity_tallies`` keep them
in the transaction that links, settles or unlinks events; they are filled here from the stored
events, so the unfiltered events search reads its totals and facets from them.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INSERT = "INSERT INTO event_facet_counts (facet, value, events) "
_FILLS = (
    "SELECT 'type', type, COUNT(*) FROM events WHERE event_date IS NOT NULL GROUP BY type",
    "SELECT 'country', place_country, COUNT(*) FROM events WHERE event_date IS NOT NULL "
    "AND place_country IS NOT NULL AND place_country <> '' GROUP BY place_country",
    "SELECT 'month', SUBSTR(event_date, 1, 7), COUNT(*) FROM events "
    "WHERE event_date IS NOT NULL GROUP BY SUBSTR(event_date, 1, 7)",
    "SELECT 'actor', entity_id, COUNT(*) FROM event_entities WHERE event_date <> '' "
    "GROUP BY entity_id",
)


def upgrade() -> None:
    op.create_table(
        "event_facet_counts",
        sa.Column("facet", sa.Text, nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("events", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("facet", "value", name="pk_event_facet_counts"),
        sa.CheckConstraint(
            "facet IN ('type', 'country', 'month', 'actor')", name="ck_event_facet_counts_facet"
        ),
        sqlite_with_rowid=False,
    )
    op.create_index(
        "ix_event_facet_counts_facet_events_value",
        "event_facet_counts",
        ["facet", "events", "value"],
    )
    # One pass over the stored events (or their entities) each, by the database itself.
    for fill in _FILLS:
        op.execute(_INSERT + fill)


def downgrade() -> None:
    op.drop_index("ix_event_facet_counts_facet_events_value", table_name="event_facet_counts")
    op.drop_table("event_facet_counts")
