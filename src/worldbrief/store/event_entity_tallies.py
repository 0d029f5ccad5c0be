"""Keeping the ``actor`` rows of ``event_facet_counts`` (dated events per known entity) in step
with ``event_entities``, in the transaction that settles events: the entities of the events
about to be rewritten are read before their rows go, and each count moves by the difference."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.store.event_week_tallies import add_deltas
from worldbrief.store.schema import event_entities, event_facet_counts

CHUNK = 500


def stored_entities(conn: Connection, event_ids: Sequence[str]) -> list[str]:
    """The entity of each stored ``event_entities`` row of the dated events among
    ``event_ids`` (an entity once per event), read by the index on ``event_id``."""
    ee = event_entities.c
    found: list[str] = []
    for start in range(0, len(event_ids), CHUNK):
        stmt = sa.select(ee.entity_id).where(
            ee.event_id.in_(event_ids[start : start + CHUNK]), ee.event_date != ""
        )
        found.extend(r.entity_id for r in conn.execute(stmt))
    return found


def dated_entities(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """The entities of ``event_entities`` rows about to be written, of dated events only."""
    return [r["entity_id"] for r in rows if r["event_date"]]


def record_entity_changes(conn: Connection, before: Iterable[str], after: Iterable[str]) -> None:
    """Move the counts from the entities named ``before`` a write to those ``after`` it."""
    deltas: Counter[tuple[str, str]] = Counter()
    for entity_id in before:
        deltas[("actor", entity_id)] -= 1
    for entity_id in after:
        deltas[("actor", entity_id)] += 1
    add_deltas(conn, event_facet_counts, ("facet", "value"), deltas)
