"""The totals and facets of the unfiltered events search, read from the kept tallies
``event_months (country, month, type)`` and ``event_entity_counts (entity_id)``: exact over
every dated event, at the cost of as many rows as countries x months x types (and of the 20
most frequent entities, an index range), however many events are stored."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.domain.event_query import EventFacets, FacetCount
from worldbrief.store.schema import event_entity_counts, event_months


def kept_facets(conn: Connection, size: int) -> EventFacets:
    """Every dated event counted: the ``size`` most frequent types, countries and known
    entities (most first, then by value) and every month, newest first."""
    t = event_months.c
    total = sa.func.sum(t.events).label("n")
    by_type = conn.execute(sa.select(t.type, total).group_by(t.type)).all()
    by_country = sa.select(t.country, total).where(t.country != "").group_by(t.country)
    countries = _ranked(conn.execute(by_country).all(), size)
    by_month = sa.select(t.month, total).group_by(t.month).order_by(t.month.desc())
    months = conn.execute(by_month).all()
    ec = event_entity_counts.c
    top = sa.select(ec.entity_id, ec.events).order_by(ec.events.desc(), ec.entity_id).limit(size)
    actors = conn.execute(top).all()
    return EventFacets(
        counted=sum(int(row[1]) for row in by_type),  # every dated event has one type
        complete=True,
        type=_ranked(by_type, size),
        country=countries,
        actor=tuple(FacetCount(r.entity_id, int(r.events)) for r in actors),
        month=tuple(FacetCount(r.month, int(r.n)) for r in months),
    )


def _ranked(rows: Sequence[Any], size: int) -> tuple[FacetCount, ...]:
    counts = [(str(row[0]), int(row[1])) for row in rows]
    ranked = sorted(counts, key=lambda item: (-item[1], item[0]))
    return tuple(FacetCount(value, n) for value, n in ranked[:size])
