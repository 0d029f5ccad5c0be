"""The totals and facets of the unfiltered events search, read from the kept
``event_facet_counts (facet, value) -> events``: exact over every dated event, at the cost of
as many rows as types, countries and months (and of the most frequent entities, an index
range), however many events are stored."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.domain.event_query import EventFacets, FacetCount
from worldbrief.store.schema import event_facet_counts


def kept_facets(conn: Connection, size: int) -> EventFacets:
    """Every dated event counted: the ``size`` most frequent types, countries and known
    entities (most first, then by value) and every month, newest first."""
    t = event_facet_counts.c
    # Types, countries and months are few (tens to hundreds): read whole, in one statement.
    small = sa.select(t.facet, t.value, t.events).where(t.facet.in_(("type", "country", "month")))
    found: dict[str, list[FacetCount]] = {"type": [], "country": [], "month": []}
    for row in conn.execute(small):
        found[row.facet].append(FacetCount(row.value, int(row.events)))
    # Known entities may be many: the most frequent are a range of (facet, events, value).
    top = (
        sa.select(t.value, t.events)
        .where(t.facet == "actor")
        .order_by(t.events.desc(), t.value)
        .limit(size)
    )
    actors = tuple(FacetCount(r.value, int(r.events)) for r in conn.execute(top))
    return EventFacets(
        counted=sum(f.count for f in found["type"]),  # every dated event has one type
        complete=True,
        type=_ranked(found["type"], size),
        country=_ranked(found["country"], size),
        actor=actors,
        month=tuple(sorted(found["month"], key=lambda f: f.value, reverse=True)),
    )


def _ranked(counts: list[FacetCount], size: int) -> tuple[FacetCount, ...]:
    return tuple(sorted(counts, key=lambda f: (-f.count, f.value))[:size])
