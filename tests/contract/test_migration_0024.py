"""Revision 0024 drops the event indexes that only led wider ones, and a downgrade makes them
again; the wider ones, which serve the same ranges, stay throughout."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command

from worldbrief.store import open_store
from worldbrief.store.engine import create_store_engine, write_transaction
from worldbrief.store.migrate import alembic_config, upgrade_to_head

DROPPED = {
    "ix_events_event_date_id": ["event_date", "id"],
    "ix_events_place_country_event_date_id": ["place_country", "event_date", "id"],
}
WIDER = {
    "ix_events_event_date_id_type_place_country": ["event_date", "id", "type", "place_country"],
    "ix_events_place_country_event_date_id_type": ["place_country", "event_date", "id", "type"],
}


def _event_indexes(engine: sa.Engine) -> dict[str, list[str]]:
    return {
        str(i["name"]): [str(c) for c in i["column_names"]]
        for i in sa.inspect(engine).get_indexes("events")
    }


def test_the_indexes_go_and_come_back(store_url: str) -> None:
    open_store(store_url).close()  # at the head
    engine = create_store_engine(store_url)
    try:
        indexes = _event_indexes(engine)
        assert not DROPPED.keys() & indexes.keys()
        assert all(indexes[name] == columns for name, columns in WIDER.items())

        config = alembic_config()
        with write_transaction(engine) as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0023")
        indexes = _event_indexes(engine)
        assert all(indexes[name] == columns for name, columns in {**DROPPED, **WIDER}.items())

        upgrade_to_head(engine)
        assert not DROPPED.keys() & _event_indexes(engine).keys()
    finally:
        engine.dispose()
