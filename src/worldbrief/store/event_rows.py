"""The ``events`` stage's output as rows of ``article_events`` and back (a ``StageTables``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.domain import Article, PlaceMention, Span
from worldbrief.domain.events import ActorRole, ActorType, DatePrecision, EventActor, EventMention
from worldbrief.store.event_links import link_reports, settle_events, unlink_articles
from worldbrief.store.schema import article_events

Row = dict[str, Any]
_CREATED_WHOLE = "worldbrief.events_created_whole"  # a key of ``Connection.info``


class EventTables:
    """Keeps ``enrichment.events`` in ``article_events``, one row per event in salience order."""

    field = "events"
    tables: Sequence[sa.Table] = (article_events,)

    def rows(self, article: Article) -> Mapping[str, list[Row]]:
        return {
            article_events.name: [
                _row(position, event) for position, event in enumerate(article.enrichment.events)
            ]
        }

    def value(self, rows: Mapping[str, Sequence[Mapping[Any, Any]]]) -> object:
        return tuple(_event(r) for r in rows.get(article_events.name, ()))

    # Reports of the same event across articles are linked as one row of ``events``.

    def link(self, conn: Connection, rows: Mapping[str, Sequence[Row]]) -> None:
        created = link_reports(conn, rows.get(article_events.name, ()))
        # Until ``write_catalog``, later in the same transaction on the same connection:
        # the events created are already whole, and only the stored ones need settling.
        conn.info[_CREATED_WHOLE] = created

    def write_catalog(self, conn: Connection, rows: Mapping[str, Sequence[Row]]) -> None:
        created: frozenset[str] = conn.info.pop(_CREATED_WHOLE, frozenset())
        touched = {r["event_id"] for r in rows.get(article_events.name, ())}
        settle_events(conn, touched - created)

    def unlink(self, conn: Connection, article_ids: Sequence[str]) -> None:
        unlink_articles(conn, article_ids)


def _row(position: int, event: EventMention) -> Row:
    place = event.place
    return {
        "position": position,
        "type": event.type,
        "subtype": event.subtype,
        "confidence": float(event.confidence),
        "event_date": event.date.isoformat() if event.date else None,
        "date_precision": event.date_precision.value if event.date_precision else None,
        "date_text": event.date_text,
        "place_country": place.country if place else None,
        "place_admin1": place.admin1 if place else None,
        "place": _place_json(place) if place else None,
        "actors": [_actor_json(a) for a in event.actors],
        "fatalities": event.fatalities,
        "fatalities_approximate": bool(event.fatalities_approximate),
        "evidence": [s.as_list() for s in event.evidence],
    }


def _event(row: Mapping[Any, Any]) -> EventMention:
    event_date = date.fromisoformat(row["event_date"]) if row["event_date"] else None
    return EventMention(
        type=row["type"],
        subtype=row["subtype"],
        confidence=row["confidence"],
        evidence=tuple(Span(s, e) for s, e in row["evidence"]),
        date=event_date,
        date_precision=DatePrecision(row["date_precision"]) if row["date_precision"] else None,
        date_text=row["date_text"],
        place=PlaceMention(**row["place"]) if row["place"] else None,
        actors=tuple(_actor(a) for a in row["actors"]),
        fatalities=row["fatalities"],
        fatalities_approximate=bool(row["fatalities_approximate"]),
    )


def _place_json(place: PlaceMention) -> dict[str, Any]:
    return {
        "start": place.start,
        "end": place.end,
        "text": place.text,
        "name": place.name,
        "geonameid": place.geonameid,
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country,
        "admin1": place.admin1,
        "feature": place.feature,
    }


def _actor_json(actor: EventActor) -> dict[str, Any]:
    return {
        "name": actor.name,
        "role": actor.role.value,
        "type": actor.type.value if actor.type else None,
        "entity_id": actor.entity_id,
        "span": actor.span.as_list() if actor.span else None,
    }


def _actor(value: Mapping[str, Any]) -> EventActor:
    span = value.get("span")
    return EventActor(
        name=value["name"],
        role=ActorRole(value["role"]),
        type=ActorType(value["type"]) if value.get("type") else None,
        entity_id=value.get("entity_id"),
        span=Span(span[0], span[1]) if span else None,
    )
