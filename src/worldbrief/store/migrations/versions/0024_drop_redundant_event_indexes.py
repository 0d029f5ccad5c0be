"""Drop the event indexes that lead the wider ones of 0014.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-01

``events (event_date, id)`` and ``(place_country, event_date, id)`` are the leading columns of
``(event_date, id, type, place_country)`` and ``(place_country, event_date, id, type)``, which
serve every range they served in the same order. ``bench/event_index_plans.py`` explains each
event listing with and without them, on SQLite and PostgreSQL: no plan changes but for the
index's name. Each event written kept them up to date for nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BY_DATE = ("ix_events_event_date_id", ["event_date", "id"])
_BY_COUNTRY = ("ix_events_place_country_event_date_id", ["place_country", "event_date", "id"])


def upgrade() -> None:
    for name, _columns in (_BY_DATE, _BY_COUNTRY):
        op.drop_index(name, table_name="events")


def downgrade() -> None:
    for name, columns in (_BY_DATE, _BY_COUNTRY):
        op.create_index(name, "events", columns)
