"""Reads of distinct events (``events``, ``article_events``, ``event_entities``): each one
range of an index, so a page costs the same however many events are stored."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.domain import PlaceMention, Span
from worldbrief.domain.events import ActorType, DatePrecision
from worldbrief.domain.linked_events import (
    EventCursor,
    EventFilter,
    EventParty,
    EventReport,
    LinkedEvent,
)
from worldbrief.store.schema import (
    article_events,
    articles,
    event_division_weeks,
    event_entities,
    event_weeks,
    events,
)


def event_by_id(conn: Connection, event_id: str) -> LinkedEvent | None:
    row = conn.execute(sa.select(events).where(events.c.id == event_id)).mappings().first()
    return _event(row) if row is not None else None


def event_reports(conn: Connection, event_id: str, limit: int) -> list[EventReport]:
    """The first ``limit`` reports of ``event_id``, first published first."""
    ae = article_events
    stmt = (
        sa.select(ae, articles.c.published_at)
        .join(articles, articles.c.id == ae.c.article_id)
        .where(ae.c.event_id == event_id)
        .order_by(articles.c.published_at, ae.c.article_id, ae.c.position)
        .limit(limit)
    )
    return [report_from_row(r) for r in conn.execute(stmt).mappings()]


def report_from_row(row: Mapping[Any, Any]) -> EventReport:
    """A report of ``article_events`` with its article's ``published_at``."""
    return EventReport(
        article_id=row["article_id"],
        position=row["position"],
        published_at=row["published_at"],
        evidence=tuple(Span(s, e) for s, e in row["evidence"]),
        date_text=row["date_text"],
        fatalities=row["fatalities"],
        confidence=row["confidence"],
    )


def latest_events(
    conn: Connection, where: EventFilter, limit: int, after: EventCursor | None = None
) -> list[LinkedEvent]:
    """Dated events matching ``where``, newest first (by date, then id), after ``after``: a
    range of (place_country, event_date, id) with a country, of (event_date, id) without."""
    e = events
    stmt = sa.select(e).where(e.c.event_date.is_not(None))
    if where.country is not None:
        stmt = stmt.where(e.c.place_country == where.country)
    if where.type is not None:
        stmt = stmt.where(e.c.type == where.type)
    if where.subtype is not None:
        stmt = stmt.where(e.c.subtype == where.subtype)
    if where.since is not None:
        stmt = stmt.where(e.c.event_date >= where.since.isoformat())
    if where.until is not None:
        stmt = stmt.where(e.c.event_date <= where.until.isoformat())
    if after is not None:
        day = after.date.isoformat()
        # The first test bounds the index range; the OR alone is a filter, read from the newest.
        stmt = stmt.where(
            e.c.event_date <= day,
            sa.or_(e.c.event_date < day, sa.and_(e.c.event_date == day, e.c.id < after.event_id)),
        )
    stmt = stmt.order_by(e.c.event_date.desc(), e.c.id.desc()).limit(limit)
    return [_event(r) for r in conn.execute(stmt).mappings()]


def weekly_counts(
    conn: Connection,
    first_week: date,
    last_week: date,
    country: str | None,
    type_: str | None,
    admin1: str | None = None,
) -> dict[tuple[str, date], int]:
    """Distinct events per (type, week) from ``first_week`` to ``last_week`` (Mondays), of one
    country (and division) and/or one type: a range of the kept tallies of the country (or of
    its divisions, the division filtered within it), or, over every country, of ``events
    (type, week)``."""
    if country is not None:
        return _tallied_weeks(conn, first_week, last_week, country, type_, admin1)
    e = events
    stmt = (
        sa.select(e.c.type, e.c.week, sa.func.count().label("n"))
        .where(e.c.week.between(first_week.isoformat(), last_week.isoformat()))
        .group_by(e.c.type, e.c.week)
    )
    if country is not None:
        stmt = stmt.where(e.c.place_country == country)
    if type_ is not None:
        stmt = stmt.where(e.c.type == type_)
    if admin1 is not None:
        stmt = stmt.where(e.c.place_admin1 == admin1)
    return {(r.type, date.fromisoformat(r.week)): r.n for r in conn.execute(stmt)}


def _tallied_weeks(
    conn: Connection,
    first_week: date,
    last_week: date,
    country: str,
    type_: str | None,
    admin1: str | None,
) -> dict[tuple[str, date], int]:
    t = event_weeks if admin1 is None else event_division_weeks
    stmt = (
        sa.select(t.c.type, t.c.week, sa.func.sum(t.c.events).label("n"))
        .where(t.c.country == country)
        .where(t.c.week.between(first_week.isoformat(), last_week.isoformat()))
        .group_by(t.c.type, t.c.week)
    )
    if type_ is not None:
        stmt = stmt.where(t.c.type == type_)
    if admin1 is not None:
        stmt = stmt.where(t.c.admin1 == admin1)
    return {(r.type, date.fromisoformat(r.week)): int(r.n) for r in conn.execute(stmt)}


def entity_events(
    conn: Connection, entity_id: str, limit: int, after: EventCursor | None = None
) -> list[LinkedEvent]:
    """Events with ``entity_id`` among their actors, newest first: a range of
    ``event_entities`` (undated events last)."""
    ee = event_entities
    stmt = sa.select(ee.c.event_id).where(ee.c.entity_id == entity_id)
    if after is not None:
        day = after.date.isoformat()
        stmt = stmt.where(
            sa.or_(
                ee.c.event_date < day,
                sa.and_(ee.c.event_date == day, ee.c.event_id < after.event_id),
            )
        )
    stmt = stmt.order_by(ee.c.event_date.desc(), ee.c.event_id.desc()).limit(limit)
    ids = [r.event_id for r in conn.execute(stmt)]
    if not ids:
        return []
    found = {
        r["id"]: _event(r)
        for r in conn.execute(sa.select(events).where(events.c.id.in_(ids))).mappings()
    }
    return [found[i] for i in ids if i in found]


def _event(row: Mapping[Any, Any]) -> LinkedEvent:
    return LinkedEvent(
        id=row["id"],
        type=row["type"],
        subtype=row["subtype"],
        date=date.fromisoformat(row["event_date"]) if row["event_date"] else None,
        date_precision=DatePrecision(row["date_precision"]) if row["date_precision"] else None,
        place=PlaceMention(**row["place"]) if row["place"] else None,
        country=row["place_country"],
        admin1=row["place_admin1"],
        actors=tuple(_party(a) for a in row["actors"]),
        fatalities=row["fatalities"],
        fatalities_approximate=bool(row["fatalities_approximate"]),
        first_reported=row["first_reported"],
        last_reported=row["last_reported"],
        sources=row["sources"],
    )


def _party(value: Mapping[str, Any]) -> EventParty:
    kind = value.get("type")
    return EventParty(value["name"], ActorType(kind) if kind else None, value.get("entity_id"))


def event_from_row(row: Mapping[Any, Any]) -> LinkedEvent:
    """An ``events`` row as the domain value (for the reads of other modules)."""
    return _event(row)
