"""Kept tallies of distinct events per country, week and type, and per division.

Revision ID: 0021
Revises: 0019
Create Date: 2026-11-30

``event_weeks (country, week, type) -> events`` and ``event_division_weeks (country, week,
admin1, type) -> events`` count the rows of ``events`` (distinct events, however many reports
each links) that have a week; ``country`` is "" for an event placed in no country, and a
division is counted only within a country. ``store.event_week_tallies`` keeps them in the
transaction that links, settles or unlinks events; they are filled here from the stored events,
so the weekly counts of country and region pages read as many rows as weeks asked for.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "event_weeks",
        sa.Column("country", sa.Text, nullable=False),
        sa.Column("week", sa.Text, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("events", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("country", "week", "type", name="pk_event_weeks"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "event_division_weeks",
        sa.Column("country", sa.Text, nullable=False),
        sa.Column("week", sa.Text, nullable=False),
        sa.Column("admin1", sa.Text, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("events", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint(
            "country", "week", "admin1", "type", name="pk_event_division_weeks"
        ),
        sqlite_with_rowid=False,
    )
    # One pass over the stored events each, by the database itself.
    op.execute(
        "INSERT INTO event_weeks (country, week, type, events) "
        "SELECT COALESCE(place_country, ''), week, type, COUNT(*) FROM events "
        "WHERE week IS NOT NULL GROUP BY COALESCE(place_country, ''), week, type"
    )
    op.execute(
        "INSERT INTO event_division_weeks (country, week, admin1, type, events) "
        "SELECT place_country, week, place_admin1, type, COUNT(*) FROM events "
        "WHERE week IS NOT NULL AND place_country IS NOT NULL AND place_country <> '' "
        "AND place_admin1 IS NOT NULL "
        "GROUP BY place_country, week, place_admin1, type"
    )


def downgrade() -> None:
    op.drop_table("event_division_weeks")
    op.drop_table("event_weeks")
