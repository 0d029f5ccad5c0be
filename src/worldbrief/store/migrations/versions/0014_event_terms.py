"""The words events are found by, and the entities of a set of events.

Revision ID: 0014
Revises: 0015
Create Date: 2026-11-30

``events.search_text`` (type, subtype, place, division, country and actors, lower-cased; never
evidence) and ``events.actor_keys`` (each actor's name and entity id between bars) let
``/api/events`` filter by text and actor with a column test (``store.event_terms``); they are
filled here for the events already stored. ``event_entities (event_id)`` gives the known
actors of the events a query counted, for its actor facet; ``events (event_date, id, type,
place_country)`` and ``(place_country, event_date, id, type)`` let the counts of the newest
events (type, country, month) be read from the index alone.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from worldbrief.store.dialect import json_document
from worldbrief.store.event_terms import event_terms

revision: str = "0014"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 1000
_BY_DATE = "ix_events_event_date_id_type_place_country"
_BY_COUNTRY = "ix_events_place_country_event_date_id_type"
NAMING_CONVENTION = {"ix": "ix_%(table_name)s_%(column_0_N_name)s"}


def upgrade() -> None:
    op.add_column("events", sa.Column("search_text", sa.Text, nullable=False, server_default=""))
    op.add_column("events", sa.Column("actor_keys", sa.Text, nullable=False, server_default=""))
    op.create_index("ix_event_entities_event_id", "event_entities", ["event_id"])
    op.create_index(_BY_DATE, "events", ["event_date", "id", "type", "place_country"])
    op.create_index(_BY_COUNTRY, "events", ["place_country", "event_date", "id", "type"])
    _fill_terms()


def _fill_terms() -> None:
    conn = op.get_bind()
    events = sa.table(
        "events",
        *(sa.column(n) for n in ("id", "type", "subtype", "place_country", "place_admin1")),
        sa.column("place", json_document()),
        sa.column("actors", json_document()),
        sa.column("search_text"),
        sa.column("actor_keys"),
    )
    update = (
        sa.update(events)
        .where(events.c.id == sa.bindparam("key"))
        .values(search_text=sa.bindparam("text"), actor_keys=sa.bindparam("keys"))
    )
    last = ""
    while True:  # keyset batches: memory stays bounded however many events are stored
        rows = (
            conn.execute(
                sa.select(events).where(events.c.id > last).order_by(events.c.id).limit(_BATCH)
            )
            .mappings()
            .all()
        )
        if not rows:
            return
        values = []
        for row in rows:
            terms = event_terms(row["type"], row["subtype"], dict(row))
            values.append(
                {"key": row["id"], "text": terms["search_text"], "keys": terms["actor_keys"]}
            )
        conn.execute(update, values)
        last = rows[-1]["id"]


def downgrade() -> None:
    op.drop_index(_BY_COUNTRY, table_name="events")
    op.drop_index(_BY_DATE, table_name="events")
    op.drop_index("ix_event_entities_event_id", table_name="event_entities")
    with op.batch_alter_table("events", naming_convention=NAMING_CONVENTION) as batch:
        batch.drop_column("actor_keys")
        batch.drop_column("search_text")
