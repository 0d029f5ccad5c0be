"""Distinct events matching a reader's filters (``EventQuery``): pages, the counts shown with
them, and the stream an export reads.

Counts are taken over a bounded window: the newest ``window`` events of the countries and dates
asked for (of all countries when none are), one range of ``(place_country, event_date, id)`` or
``(event_date, id)``; the other filters are column tests within it. So counting reads at most
``window`` rows however many events are stored, and says whether the window held them all.
With no filter at all (the most common request) they are read from kept tallies instead
(``store.event_facet_tallies``): exact over every dated event, actors included.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from worldbrief.domain import Span
from worldbrief.domain.event_query import EventFacets, EventQuery, FacetCount
from worldbrief.domain.linked_events import EventCursor, LinkedEvent
from worldbrief.store.event_facet_tallies import kept_facets
from worldbrief.store.event_reads import _event as event_from_row
from worldbrief.store.event_terms import SEPARATOR, actor_key, normal
from worldbrief.store.schema import article_events, articles, event_entities, events

FACET_SIZE = 20  # values listed per facet (months: every month counted)
ACTOR_WINDOW = 2000  # actors are counted among the newest events of the range: a lookup each
EXPORT_BATCH = 500
UNFILTERED = EventQuery()


def _like_text(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _dated(where: EventQuery) -> list[ColumnElement[bool]]:
    e = events.c
    found: list[ColumnElement[bool]] = [e.event_date.is_not(None)]
    if where.since is not None:
        found.append(e.event_date >= where.since.isoformat())
    if where.until is not None:
        found.append(e.event_date <= where.until.isoformat())
    return found


def _ranges(
    where: EventQuery,
    columns: Sequence[Any],
    extra: Sequence[ColumnElement[bool]],
    limit: int,
    offset: int = 0,
) -> sa.Select[Any]:
    """The newest rows (``columns``) of the countries asked for (or of all), dated as asked
    and meeting ``extra``, newest first, past ``offset``, at most ``limit``: one index range,
    or for several countries (a region) one bounded range each, merged, never a sort of all
    their events."""
    conditions = [*_dated(where), *extra]
    if len(where.countries) <= 1:
        if where.countries:
            conditions.append(events.c.place_country == where.countries[0])
        stmt = sa.select(*columns).where(*conditions)
        return _newest_first(stmt).offset(offset).limit(limit)
    parts = [
        sa.select(
            _newest_first(sa.select(*columns).where(*conditions, events.c.place_country == code))
            .limit(offset + limit)
            .subquery()
        )
        for code in where.countries
    ]
    merged = sa.union_all(*parts).subquery()
    return (
        sa.select(merged)
        .order_by(merged.c.event_date.desc(), merged.c.id.desc())
        .offset(offset)
        .limit(limit)
    )


def _window_columns(where: EventQuery) -> list[Any]:
    """What the counts read of each row: the index's columns, and a filter's own only when
    it is given (so the common counts never leave the index)."""
    e = events.c
    columns = [e.id, e.event_date, e.type, e.place_country]
    wanted = {
        "place_admin1": where.admin1 is not None,
        "subtype": where.subtype is not None,
        "actor_keys": where.actor is not None,
        "search_text": bool(where.words),
        "lat": where.bbox is not None,
        "lon": where.bbox is not None,
    }
    return columns + [events.c[name] for name, given in wanted.items() if given]


def _within(where: EventQuery, e: Any) -> list[ColumnElement[bool]]:
    """The other filters, as tests of the columns of ``e`` (the table or a window of it)."""
    found: list[ColumnElement[bool]] = []
    if where.admin1 is not None:
        found.append(e.place_admin1 == where.admin1)
    if where.type is not None:
        found.append(e.type == where.type)
    if where.subtype is not None:
        found.append(e.subtype == where.subtype)
    if where.actor is not None:
        key = SEPARATOR + actor_key(where.actor) + SEPARATOR
        found.append(e.actor_keys.like(_like_text(key), escape="\\"))
    for word in where.words:
        found.append(e.search_text.like(_like_text(normal(word)), escape="\\"))
    box = where.bbox
    if box is not None:
        found.append(e.lat.between(box.south, box.north))
        if box.west <= box.east:
            found.append(e.lon.between(box.west, box.east))
        else:  # across the antimeridian
            found.append(sa.or_(e.lon >= box.west, e.lon <= box.east))
    return found


def _newest_first(stmt: sa.Select[Any]) -> sa.Select[Any]:
    return stmt.order_by(events.c.event_date.desc(), events.c.id.desc())


def _after(cursor: EventCursor) -> ColumnElement[bool]:
    e, day = events.c, cursor.date.isoformat()
    # The first test bounds the index range; the OR alone is a filter, read from the newest.
    return sa.and_(
        e.event_date <= day,
        sa.or_(e.event_date < day, sa.and_(e.event_date == day, e.id < cursor.event_id)),
    )


def matching_events(
    conn: Connection,
    where: EventQuery,
    limit: int,
    after: EventCursor | None = None,
    offset: int = 0,
) -> list[LinkedEvent]:
    """Dated events matching ``where``, newest first (by date, then id), after ``after`` and
    past the first ``offset`` of those."""
    conditions = _within(where, events.c)
    if after is not None:
        conditions.append(_after(after))
    stmt = _ranges(where, [events], conditions, limit, offset)
    return [event_from_row(r) for r in conn.execute(stmt).mappings()]


def bounded_page(
    conn: Connection,
    where: EventQuery,
    limit: int,
    after: EventCursor | None,
    offset: int,
    scan: int,
) -> tuple[list[LinkedEvent], EventCursor | None]:
    """Like ``matching_events``, but a filter no index leads with (words, actor, box, type,
    division) is tested on at most ``scan`` (+ ``offset``) rows of the range after ``after``:
    returns the matches found there and, when they are fewer than ``limit`` and the range goes
    on, the last row read, from where the next page goes on. So a rare filter costs one
    bounded read per page however many events are stored."""
    if not _within(where, events.c):
        return matching_events(conn, where, limit, after, offset), None
    extra = [_after(after)] if after is not None else []
    probe = _ranges(where, [events.c.id, events.c.event_date], extra, 1, offset=scan + offset - 1)
    last = conn.execute(probe).first()
    if last is None:  # the rest of the range is shorter than the scan
        return matching_events(conn, where, limit, after, offset), None
    end = EventCursor(date.fromisoformat(last.event_date), last.id)
    e, day = events.c, end.date.isoformat()
    conditions = [
        *_within(where, e),
        *extra,
        e.event_date >= day,  # the bound an index range stops at; the next line its ties
        sa.or_(e.event_date > day, e.id >= end.event_id),
    ]
    stmt = _ranges(where, [events], conditions, limit, offset)
    found = [event_from_row(r) for r in conn.execute(stmt).mappings()]
    return found, (None if len(found) == limit else end)


def event_facets(conn: Connection, where: EventQuery, window: int) -> EventFacets:
    """Type, country and month counts of the matching events among the newest ``window`` of
    the driving range (see the module's note); actor counts among the matching events of
    the newest ``ACTOR_WINDOW`` of the range. With no filter, every event's, kept."""
    if where == UNFILTERED:
        return kept_facets(conn, FACET_SIZE)
    e = events.c
    probe = _ranges(where, [e.id, e.event_date], [], 1, offset=window)
    more = conn.execute(probe).first() is not None
    window_rows = _ranges(where, _window_columns(where), [], window).subquery("window")
    kept = sa.select(window_rows).where(*_within(where, window_rows.c)).subquery("kept")
    month = sa.func.substr(kept.c.event_date, 1, 7)
    grouped = sa.select(
        kept.c.type, kept.c.place_country, month.label("month"), sa.func.count().label("n")
    ).group_by(kept.c.type, kept.c.place_country, month)
    types: dict[str, int] = {}
    countries: dict[str, int] = {}
    months: dict[str, int] = {}
    for row in conn.execute(grouped):
        types[row.type] = types.get(row.type, 0) + row.n
        if row.place_country:
            countries[row.place_country] = countries.get(row.place_country, 0) + row.n
        months[row.month] = months.get(row.month, 0) + row.n
    ee = event_entities.c
    # Actors: among the newest ACTOR_WINDOW of the range, one lookup each, no sort.
    recent = _ranges(where, _window_columns(where), [], ACTOR_WINDOW).subquery("recent")
    newest = sa.select(recent.c.id).where(*_within(where, recent.c)).subquery("newest")
    actor_counts = (
        sa.select(ee.entity_id, sa.func.count().label("n"))
        .select_from(newest.join(event_entities, ee.event_id == newest.c.id))
        .group_by(ee.entity_id)
        .order_by(sa.desc("n"), ee.entity_id)
        .limit(FACET_SIZE)
    )
    actors = [FacetCount(r.entity_id, r.n) for r in conn.execute(actor_counts)]
    return EventFacets(
        counted=sum(types.values()),
        complete=not more,
        type=_top(types),
        country=_top(countries),
        actor=tuple(actors),
        month=tuple(FacetCount(m, n) for m, n in sorted(months.items(), reverse=True)),
    )


def _top(counts: Mapping[str, int]) -> tuple[FacetCount, ...]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(FacetCount(value, n) for value, n in ranked[:FACET_SIZE])


def first_reports(
    conn: Connection, event_ids: Sequence[str], per_event: int
) -> dict[str, list[dict[str, Any]]]:
    """The first ``per_event`` reports of each event, first published first, with their
    article's title and access: ``{"article_id", "title", "access", "published_at",
    "evidence": (Span, ...)}``."""
    if not event_ids:
        return {}
    ae, a = article_events.c, articles.c
    rank = (
        sa.func.row_number()
        .over(partition_by=ae.event_id, order_by=(a.published_at, ae.article_id, ae.position))
        .label("rank")
    )
    ranked = (
        sa.select(ae.event_id, ae.article_id, ae.evidence, a.title, a.access, a.published_at, rank)
        .join(articles, a.id == ae.article_id)
        .where(ae.event_id.in_(list(event_ids)))
        .subquery()
    )
    stmt = (
        sa.select(ranked)
        .where(ranked.c.rank <= per_event)
        .order_by(ranked.c.event_id, ranked.c.rank)
    )
    found: dict[str, list[dict[str, Any]]] = {}
    for row in conn.execute(stmt).mappings():
        found.setdefault(row["event_id"], []).append(
            {
                "article_id": row["article_id"],
                "title": row["title"],
                "access": row["access"],
                "published_at": row["published_at"],
                "evidence": tuple(Span(s, e) for s, e in row["evidence"]),
            }
        )
    return found
