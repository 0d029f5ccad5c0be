"""Keeping ``event_weeks``, ``event_division_weeks`` and the type, country and month rows of
``event_facet_counts`` in step with ``events``, in the same transaction, as ``country_index``
keeps ``country_weeks``: an event's previous marks are read from its stored row before it is
changed, and the tallies move by the difference, never recounted. Each event counts once
however many reports it links (the tallies count rows of ``events``, not reports).

An event marks nothing before it has a date (no week, no month). Its country is "" when it was
placed in no country, so counts over every event stay possible; a division is counted only
within a country.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from worldbrief.store.schema import event_division_weeks, event_facet_counts, event_weeks, events

CHUNK = 500


@dataclass(frozen=True, slots=True)
class EventMark:
    """What the tallies count of one event."""

    country: str  # "" for no country
    week: str
    admin1: str | None
    type: str
    month: str  # YYYY-MM of the event's date (the week's Monday may fall in the month before)


def mark_of(row: Mapping[Any, Any]) -> EventMark | None:
    """The mark of an ``events`` row (or of the values about to be written to one)."""
    if not row.get("week"):
        return None
    return EventMark(
        row.get("place_country") or "",
        row["week"],
        row.get("place_admin1"),
        row["type"],
        row["event_date"][:7],
    )


def stored_marks(conn: Connection, event_ids: Sequence[str]) -> list[EventMark]:
    """The marks of the stored events among ``event_ids``, read by primary key."""
    e = events.c
    found: list[EventMark] = []
    for start in range(0, len(event_ids), CHUNK):
        stmt = sa.select(e.type, e.week, e.event_date, e.place_country, e.place_admin1).where(
            e.id.in_(event_ids[start : start + CHUNK])
        )
        for row in conn.execute(stmt).mappings():
            mark = mark_of(row)
            if mark is not None:
                found.append(mark)
    return found


def record_event_changes(
    conn: Connection, before: Iterable[EventMark | None], after: Iterable[EventMark | None]
) -> None:
    """Move the tallies from the marks ``before`` a write to those ``after`` it."""
    weeks: Counter[tuple[str, str, str]] = Counter()
    divisions: Counter[tuple[str, str, str, str]] = Counter()
    facets: Counter[tuple[str, str]] = Counter()
    for sign, marks in ((-1, before), (1, after)):
        for mark in marks:
            if mark is None:
                continue
            weeks[(mark.country, mark.week, mark.type)] += sign
            facets[("type", mark.type)] += sign
            facets[("month", mark.month)] += sign
            if mark.country:
                facets[("country", mark.country)] += sign
            if mark.country and mark.admin1 is not None:
                divisions[(mark.country, mark.week, mark.admin1, mark.type)] += sign
    add_deltas(conn, event_weeks, ("country", "week", "type"), weeks)
    add_deltas(conn, event_division_weeks, ("country", "week", "admin1", "type"), divisions)
    add_deltas(conn, event_facet_counts, ("facet", "value"), facets)


def add_deltas(
    conn: Connection, table: sa.Table, keys: tuple[str, ...], deltas: Counter[Any]
) -> None:
    """Move the ``events`` column of ``table`` (keyed by ``keys``) by ``deltas``."""
    # Sorted, so concurrent writers on PostgreSQL lock the rows in one order.
    rows = [
        {**dict(zip(keys, key, strict=True)), "events": n} for key, n in sorted(deltas.items()) if n
    ]
    if not rows:
        return
    insert = (sqlite.insert if conn.dialect.name == "sqlite" else postgresql.insert)(table)
    conn.execute(
        insert.on_conflict_do_update(
            index_elements=[table.c[k] for k in keys],
            set_={"events": table.c.events + insert.excluded.events},
        ),
        rows,
    )
    emptied = [{f"b_{k}": row[k] for k in keys} for row in rows if row["events"] < 0]
    if emptied:  # a count that fell to zero says nothing: its row goes
        conn.execute(
            sa.delete(table).where(
                *(table.c[k] == sa.bindparam(f"b_{k}") for k in keys), table.c.events <= 0
            ),
            emptied,
        )
