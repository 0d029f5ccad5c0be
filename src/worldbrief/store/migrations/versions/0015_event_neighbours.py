"""An index for the events of one first-level division by date, for event pages.

Revision ID: 0015
Revises: 0012
Create Date: 2026-11-30

An event page lists related events: those of the same division within 30 days of it. With
``(place_country, place_admin1, event_date, id)`` they are one index range, however many
events the country holds in those days.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEX = "ix_events_place_country_place_admin1_event_date_id"


def upgrade() -> None:
    op.create_index(_INDEX, "events", ["place_country", "place_admin1", "event_date", "id"])


def downgrade() -> None:
    op.drop_index(_INDEX, table_name="events")
