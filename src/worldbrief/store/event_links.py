"""Reports of one event in several articles linked as one row of ``events``, in the write
transaction of the articles (docs/events.md, "Linking reports across articles").

A report looks for its event among the events of the same subtype and country dated within a
day of it: one range of the index on (subtype, place_country, event_date), so linking costs
the same however many events are stored. ``events.linking`` decides which candidate, if any, is
the same event. An event's columns are then recomputed from all its reports, so they never
depend on the order reports arrived in; an event whose last report goes is deleted.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Container, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.events.linking import MAX_DAYS_APART, LinkKey, actor_keys, best_match
from worldbrief.store.bulk_insert import insert_rows
from worldbrief.store.event_entity_tallies import (
    dated_entities,
    record_entity_changes,
    stored_entities,
)
from worldbrief.store.event_terms import event_terms
from worldbrief.store.event_week_tallies import mark_of, record_event_changes, stored_marks
from worldbrief.store.schema import article_events, articles, event_entities, events

Row = dict[str, Any]
CHUNK = 500
GROUPS_PER_QUERY = 50  # (subtype, country) ranges read by one statement


def link_reports(conn: Connection, rows: Sequence[Row]) -> frozenset[str]:
    """Set ``event_id`` in each of ``rows`` (``article_events`` rows about to be inserted):
    the event it reports, found or created. Each report of one article goes to a different
    event (the extractor has already merged an article's repeated reports). The candidates of
    the whole batch are read at once; reports are linked in order of publication, each seeing
    the events the ones before it created or widened.

    Returns the events created, which are written whole (columns, entities, tallies) from the
    batch's reports, the only ones they have: ``settle_events`` need not read them back."""
    if not rows:
        return frozenset()
    published = _published_at(conn, {r["article_id"] for r in rows})
    ordered = sorted(
        rows, key=lambda r: (published[r["article_id"]], r["article_id"], r["position"])
    )
    keyed = [(row, link_key(row)) for row in ordered]
    pool = _candidate_pool(conn, [key for _, key in keyed if key.linkable])
    used: dict[str, set[str]] = {}
    created: dict[str, Row] = {}
    for row, key in keyed:
        taken = used.setdefault(row["article_id"], set())
        group = pool.setdefault((key.subtype, key.country), _Group())
        found = best_match(key, group.near(key, taken)) if key.linkable else None
        if found is None:
            found = _unused_id(row, created, group.ids)
            created[found] = row
            group.add(found, key)
        else:  # later reports of the batch compare with every actor named so far
            group.widen(found, key.actors)
        row["event_id"] = found
        taken.add(found)
    reports: dict[str, list[Row]] = {}  # each created event's reports, first reported first
    for row in ordered:
        if row["event_id"] in created:
            reports.setdefault(row["event_id"], []).append(row)
    renamed = _insert_events(conn, reports, published)
    for row in rows:  # every report of a renamed event, not only the one that made it
        row["event_id"] = renamed.get(row["event_id"], row["event_id"])
    return frozenset(renamed.get(i, i) for i in created)


class _Group:
    """The events of one subtype and country that reports of a batch may link to, by day:
    a report compares only with the events of its own day and the days beside it, however many
    other days the batch's reports bring in (a batch spans years; comparing each report with
    the events of all of them cost more the larger the store)."""

    __slots__ = ("by_day", "ids")

    def __init__(self) -> None:
        self.by_day: dict[date | None, dict[str, LinkKey]] = {}
        self.ids: dict[str, date | None] = {}  # every event of the group -> its day

    def add(self, event_id: str, key: LinkKey) -> None:
        self.by_day.setdefault(key.date, {})[event_id] = key
        self.ids[event_id] = key.date

    def near(self, key: LinkKey, taken: Container[str]) -> list[tuple[str, LinkKey]]:
        """The events ``same_event`` could match with ``key`` (a linkable report): those
        dated within ``MAX_DAYS_APART`` of it, less ``taken``."""
        assert key.date is not None
        found = []
        for shift in _SHIFTS:
            for event_id, event_key in self.by_day.get(key.date + shift, {}).items():
                if event_id not in taken:
                    found.append((event_id, event_key))
        return found

    def widen(self, event_id: str, actors: frozenset[str]) -> None:
        day = self.by_day[self.ids[event_id]]
        day[event_id] = dataclasses.replace(day[event_id], actors=day[event_id].actors | actors)


_SHIFTS = [timedelta(days=d) for d in range(-MAX_DAYS_APART, MAX_DAYS_APART + 1)]
# What ``link_key`` reads of a stored event: a batch's days hold tens of thousands of candidate
# events in a store of a million, and their other columns (times, search words) cost reading.
_LINK_COLUMNS = (
    events.c.id,
    events.c.subtype,
    events.c.event_date,
    events.c.date_precision,
    events.c.place,
    events.c.place_country,
    events.c.place_admin1,
    events.c.actors,
)


def _candidate_pool(
    conn: Connection, keys: Sequence[LinkKey]
) -> dict[tuple[str, str | None], _Group]:
    """Stored events of each report's subtype and country dated within a day of it: ranges
    of the index on (subtype, place_country, event_date), several per statement."""
    days: dict[tuple[str, str | None], set[str]] = {}
    for key in keys:
        assert key.date is not None  # linkable
        wanted = days.setdefault((key.subtype, key.country), set())
        for shift in _SHIFTS:
            wanted.add((key.date + shift).isoformat())
    pool: dict[tuple[str, str | None], _Group] = {}
    groups = sorted(days.items(), key=lambda item: (item[0][0], item[0][1] or ""))
    for start in range(0, len(groups), GROUPS_PER_QUERY):
        ranges = [
            sa.and_(
                events.c.subtype == subtype,
                events.c.place_country == country,
                events.c.event_date.in_(sorted(dates)),
            )
            for (subtype, country), dates in groups[start : start + GROUPS_PER_QUERY]
        ]
        for row in conn.execute(sa.select(*_LINK_COLUMNS).where(sa.or_(*ranges))).mappings():
            group = pool.setdefault((row["subtype"], row["place_country"]), _Group())
            group.add(row["id"], link_key(row))
    return pool


def _unused_id(row: Mapping[str, Any], *taken: Container[str]) -> str:
    attempt = 0
    while any(event_id_for(row, attempt) in ids for ids in taken):
        attempt += 1
    return event_id_for(row, attempt)


def _insert_events(
    conn: Connection, reports: dict[str, list[Row]], published: Mapping[str, datetime]
) -> dict[str, str]:
    """Insert the events of ``reports`` (id -> its reports, the first the one that made it)
    with the columns, entities and tallies ``settle_events`` would give them. An id a stored
    event already has (the report's article re-enriched while its old event lives on) moves to
    the next free one; returns those moves (old id -> new id)."""
    created = {event_id: rows[0] for event_id, rows in reports.items()}
    origin = {i: i for i in created}  # id now -> the id the batch's reports carry
    clashing = _stored_ids(conn, list(created))
    stored = set(clashing)
    while clashing:
        fresh_ids = []
        for taken_id in clashing:
            row = created.pop(taken_id)
            fresh = _unused_id(row, created, stored)
            created[fresh] = row
            origin[fresh] = origin.pop(taken_id)
            fresh_ids.append(fresh)
        clashing = _stored_ids(conn, fresh_ids)
        stored |= clashing
    moves = {first: now for now, first in origin.items() if now != first}
    values = []
    named: list[Row] = []
    for event_id, row in created.items():
        summary = event_summary(
            [{**r, "published_at": published[r["article_id"]]} for r in reports[origin[event_id]]]
        )
        values.append(
            {
                "id": event_id,
                "type": row["type"],
                "subtype": row["subtype"],
                **summary,
                **event_terms(row["type"], row["subtype"], summary),
            }
        )
        named.extend(_entity_rows(event_id, summary))
    insert_rows(conn, events, values)
    record_event_changes(conn, (), (mark_of(v) for v in values))
    insert_rows(conn, event_entities, named)
    record_entity_changes(conn, (), dated_entities(named))
    return moves


def _stored_ids(conn: Connection, ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), CHUNK):
        stmt = sa.select(events.c.id).where(events.c.id.in_(ids[start : start + CHUNK]))
        found.update(r.id for r in conn.execute(stmt))
    return found


def settle_events(conn: Connection, event_ids: Iterable[str]) -> None:
    """Recompute each event from its reports; delete those without any left. The kept
    tallies (weeks, months, entities) move from each event's stored marks to its recomputed
    ones."""
    ids = sorted(set(event_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        before = stored_marks(conn, chunk)
        named_before = stored_entities(conn, chunk)
        stmt = (
            sa.select(article_events, articles.c.published_at)
            .join(articles, articles.c.id == article_events.c.article_id)
            .where(article_events.c.event_id.in_(chunk))
            .order_by(
                articles.c.published_at, article_events.c.article_id, article_events.c.position
            )
        )
        reports: dict[str, list[Mapping[Any, Any]]] = {}
        for report in conn.execute(stmt).mappings():
            reports.setdefault(report["event_id"], []).append(report)
        gone = [i for i in chunk if i not in reports]
        if gone:
            conn.execute(sa.delete(events).where(events.c.id.in_(gone)))
        conn.execute(sa.delete(event_entities).where(event_entities.c.event_id.in_(chunk)))
        named: list[Row] = []
        updates: list[Row] = []
        for event_id, rows in reports.items():
            summary = event_summary(rows)
            terms = event_terms(rows[0]["type"], rows[0]["subtype"], summary)
            updates.append({**summary, **terms, "event_key": event_id})
            named.extend(_entity_rows(event_id, summary))
        if updates:
            update = sa.update(events).where(events.c.id == sa.bindparam("event_key"))
            conn.execute(update, updates)
        after = [
            mark_of({**u, "type": rows[0]["type"]})
            for u, rows in zip(updates, reports.values(), strict=True)
        ]
        record_event_changes(conn, before, after)
        insert_rows(conn, event_entities, named)
        record_entity_changes(conn, named_before, dated_entities(named))


def _entity_rows(event_id: str, summary: Mapping[str, Any]) -> list[Row]:
    """The ``event_entities`` rows of an event: each known entity among its actors, once."""
    return [
        {"entity_id": e, "event_date": summary["event_date"] or "", "event_id": event_id}
        for e in dict.fromkeys(a["entity_id"] for a in summary["actors"] if a["entity_id"])
    ]


def unlink_articles(conn: Connection, article_ids: Sequence[str]) -> None:
    """Remove the reports of ``article_ids`` (about to be re-written or deleted) from their
    events, and settle those events."""
    touched: set[str] = set()
    for start in range(0, len(article_ids), CHUNK):
        chunk = list(article_ids[start : start + CHUNK])
        stmt = sa.select(article_events.c.event_id).where(
            article_events.c.article_id.in_(chunk), article_events.c.event_id.is_not(None)
        )
        touched.update(r.event_id for r in conn.execute(stmt))
        conn.execute(sa.delete(article_events).where(article_events.c.article_id.in_(chunk)))
    settle_events(conn, touched)


def _published_at(conn: Connection, ids: set[str]) -> dict[str, datetime]:
    found: dict[str, datetime] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        stmt = sa.select(articles.c.id, articles.c.published_at).where(
            articles.c.id.in_(ordered[start : start + CHUNK])
        )
        found.update((r.id, r.published_at) for r in conn.execute(stmt))
    return found


def link_key(row: Mapping[Any, Any]) -> LinkKey:
    place = row["place"] or {}
    return LinkKey(
        subtype=row["subtype"],
        date=date.fromisoformat(row["event_date"]) if row["event_date"] else None,
        precision=row["date_precision"],
        country=row["place_country"],
        admin1=row["place_admin1"],
        lat=place.get("lat"),
        lon=place.get("lon"),
        actors=actor_keys((a["name"], a.get("entity_id")) for a in row["actors"]),
        feature=place.get("feature"),
    )


def event_id_for(row: Mapping[str, Any], attempt: int = 0) -> str:
    """The id of an event created by report ``row``; ``attempt`` counts ids already taken."""
    seed = f"{row['article_id']}\n{row['position']}\n{row['subtype']}\n{attempt}"
    return f"ev-{hashlib.sha256(seed.encode()).hexdigest()[:20]}"


def _merge_actors(lists: Iterable[Sequence[Mapping[str, Any]]]) -> list[dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for actors in lists:
        for actor in actors:
            (key,) = actor_keys([(actor["name"], actor.get("entity_id"))])
            merged.setdefault(
                key,
                {
                    "name": actor["name"],
                    "type": actor.get("type"),
                    "entity_id": actor.get("entity_id"),
                },
            )
    return list(merged.values())


def event_summary(reports: Sequence[Mapping[Any, Any]]) -> Row:
    """An event's columns from its reports, first reported first: the first report's place,
    the earliest date, every actor, the largest death toll (exact when any report giving it
    is exact)."""
    first = reports[0]
    place = first["place"] or {}
    dated = [r["event_date"] for r in reports if r["event_date"]]
    earliest = min(dated) if dated else None
    tolls = [r for r in reports if r["fatalities"] is not None]
    most = max((r["fatalities"] for r in tolls), default=None)
    return {
        "event_date": earliest,
        "date_precision": first["date_precision"],
        "week": _monday(earliest),
        "place": first["place"],
        "place_country": first["place_country"],
        "place_admin1": first["place_admin1"],
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "actors": _merge_actors(r["actors"] for r in reports),
        "fatalities": most,
        "fatalities_approximate": most is not None
        and all(r["fatalities_approximate"] for r in tolls if r["fatalities"] == most),
        "first_reported": min(r["published_at"] for r in reports),
        "last_reported": max(r["published_at"] for r in reports),
        "sources": len({r["article_id"] for r in reports}),
    }


def _monday(iso_day: str | None) -> str | None:
    if iso_day is None:
        return None
    day = date.fromisoformat(iso_day)
    return (day - timedelta(days=day.weekday())).isoformat()
