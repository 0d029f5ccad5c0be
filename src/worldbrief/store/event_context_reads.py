"""Reads around one event or one entity, for their pages: an article's linked event ids, the
events of a division or an entity within a period, an entity's latest event dates. Each one
bounded range of an index (``events``' (place_country, place_admin1, event_date, id), the
primary keys of ``article_events`` and ``event_entities``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.domain.linked_events import LinkedEvent
from worldbrief.store.event_reads import event_from_row
from worldbrief.store.schema import article_events, event_entities, events


def article_event_ids(conn: Connection, article_id: str) -> dict[int, str]:
    """The distinct event each of the article's reports is linked to, by report position."""
    ae = article_events
    stmt = sa.select(ae.c.position, ae.c.event_id).where(ae.c.article_id == article_id)
    return {r.position: r.event_id for r in conn.execute(stmt) if r.event_id}


def division_events(
    conn: Connection,
    country: str,
    admin1: str | None,
    first: date,
    last: date,
    limit: int,
) -> list[LinkedEvent]:
    """Events of one division (``admin1`` None: placed in the country but no division) dated
    ``first`` to ``last``, newest first."""
    e = events
    division = e.c.place_admin1.is_(None) if admin1 is None else e.c.place_admin1 == admin1
    stmt = (
        sa.select(e)
        .where(e.c.place_country == country, division)
        .where(e.c.event_date.between(first.isoformat(), last.isoformat()))
        .order_by(e.c.event_date.desc(), e.c.id.desc())
        .limit(limit)
    )
    return [event_from_row(r) for r in conn.execute(stmt).mappings()]


def entity_event_ids_between(
    conn: Connection, entity_id: str, first: date, last: date, limit: int
) -> list[str]:
    """Ids of the events with ``entity_id`` among their actors dated ``first`` to ``last``,
    newest first."""
    ee = event_entities
    stmt = (
        sa.select(ee.c.event_id)
        .where(ee.c.entity_id == entity_id)
        .where(ee.c.event_date.between(first.isoformat(), last.isoformat()))
        .order_by(ee.c.event_date.desc(), ee.c.event_id.desc())
        .limit(limit)
    )
    return [r.event_id for r in conn.execute(stmt)]


def entity_event_dates(conn: Connection, entity_id: str, limit: int) -> list[date]:
    """The dates of the entity's latest ``limit`` dated events, newest first."""
    ee = event_entities
    stmt = (
        sa.select(ee.c.event_date)
        .where(ee.c.entity_id == entity_id, ee.c.event_date != "")
        .order_by(ee.c.event_date.desc(), ee.c.event_id.desc())
        .limit(limit)
    )
    return [date.fromisoformat(r.event_date) for r in conn.execute(stmt)]


def events_by_ids(conn: Connection, ids: Sequence[str]) -> list[LinkedEvent]:
    """The events ``ids``, in that order; unknown ids are left out."""
    if not ids:
        return []
    stmt = sa.select(events).where(events.c.id.in_(list(ids)))
    found = {r["id"]: event_from_row(r) for r in conn.execute(stmt).mappings()}
    return [found[i] for i in ids if i in found]
