"""Reads of the actors catalog (``entities``) for the actors API: a filtered list by id, the
names of a few, and how many distinct events name each (ranges of ``event_entities``). One
actor is read as any known entity is (``entity_tables.known_entity``)."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.domain.entities import KnownEntity
from worldbrief.store.entity_tables import catalog_entity
from worldbrief.store.schema import entities, event_entities


def actor_rows(
    conn: Connection,
    *,
    after: str | None,
    entity_type: str | None,
    name_prefix: str | None,
    country: str | None,
    scan: int,
) -> tuple[list[KnownEntity], str | None]:
    """Catalog rows in id order after ``after``, of ``entity_type``, read ``scan`` at a time:
    the rows among them whose name or an alias starts with ``name_prefix`` (any case) and
    whose countries hold ``country``, and the id the scan stopped at (None at the end). Those
    two are tested here rather than by the database, so that case folding and JSON lists read
    the same on every backend."""
    e = entities.c
    stmt = sa.select(entities).order_by(e.id).limit(scan)
    if after is not None:
        stmt = stmt.where(e.id > after)
    if entity_type is not None:
        stmt = stmt.where(e.type == entity_type)
    rows = conn.execute(stmt).mappings().all()
    last = rows[-1]["id"] if len(rows) == scan else None
    prefix = name_prefix.casefold() if name_prefix else None
    kept = [
        catalog_entity(r)
        for r in rows
        if (
            prefix is None
            or any(n.casefold().startswith(prefix) for n in (r["name"], *r["aliases"]))
        )
        and (country is None or country in r["countries"])
    ]
    return kept, last


def actor_names(conn: Connection, entity_ids: Sequence[str]) -> dict[str, str]:
    if not entity_ids:
        return {}
    stmt = sa.select(entities.c.id, entities.c.name).where(entities.c.id.in_(list(entity_ids)))
    return {r.id: r.name for r in conn.execute(stmt)}


def event_counts(conn: Connection, entity_ids: Sequence[str]) -> dict[str, int]:
    """Distinct events naming each id: one range of ``event_entities`` each."""
    if not entity_ids:
        return {}
    ee = event_entities.c
    stmt = (
        sa.select(ee.entity_id, sa.func.count().label("n"))
        .where(ee.entity_id.in_(list(entity_ids)))
        .group_by(ee.entity_id)
    )
    return {r.entity_id: r.n for r in conn.execute(stmt)}
