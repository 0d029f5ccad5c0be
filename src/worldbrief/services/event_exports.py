"""Events matching a query, exported as CSV with ACLED's columns, a GeoJSON FeatureCollection,
or JSON Lines in PLOVER's record layout (docs/events-api.md says how each field is filled).

Exports are streamed: events are read a batch at a time and written as they come, so memory
stays bounded however many match. ``notes`` (PLOVER ``text``) are the evidence sentences of
an event's first source the viewer may read on the export surface: a members-only source's
sentences go only to viewers entitled to its body; for the others the next source they may
read gives the notes, or none does and the notes are empty.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from worldbrief.domain import AccessLevel
from worldbrief.domain.event_query import EventQuery
from worldbrief.domain.events import ActorType, DatePrecision
from worldbrief.domain.linked_events import LinkedEvent
from worldbrief.membership.entitlements import Surface, entitlement
from worldbrief.membership.roles import Viewer
from worldbrief.services.platform import Platform
from worldbrief.text.characters import clean_text, clean_value

SOURCES_PER_EVENT = 5  # sources named in an export row, first reported first
CSV_COLUMNS = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
    "actor2", "inter1", "inter2", "country", "admin1", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "fatalities",
)  # fmt: skip
# ACLED's interaction codes of its actor families.
INTER = {
    ActorType.STATE_FORCES: 1,
    ActorType.REBEL_GROUP: 2,
    ActorType.POLITICAL_MILITIA: 3,
    ActorType.IDENTITY_MILITIA: 4,
    ActorType.RIOTERS: 5,
    ActorType.PROTESTERS: 6,
    ActorType.CIVILIANS: 7,
    ActorType.EXTERNAL_OTHER: 8,
}
# ACLED's time precision: 1 the day is known, 2 the week, 3 the month or coarser.
TIME_PRECISION = {
    DatePrecision.DAY: 1,
    DatePrecision.WEEK: 2,
    DatePrecision.MONTH: 3,
    DatePrecision.YEAR: 3,
}
# The PLOVER category closest to each sub-event type (of its type when not listed).
PLOVER_BY_TYPE = {
    "Battles": "FIGHT",
    "Explosions/Remote violence": "FIGHT",
    "Violence against civilians": "ASSAULT",
    "Protests": "PROTEST",
    "Riots": "PROTEST",
    "Crime": "CRIME",
    "Diplomacy": "CONSULT",
}
PLOVER_BY_SUBTYPE = {
    "Mob violence": "ASSAULT",
    "Excessive force against protesters": "ASSAULT",
    "Agreement": "AGREE",
    "Arrests": "COERCE",
    "Disrupted weapons use": "COERCE",
    "Looting/property destruction": "ASSAULT",
    "Non-violent transfer of territory": "RETREAT",
    "Headquarters or base established": "MOBILIZE",
    "Change to group/activity": "MOBILIZE",
}
# PLOVER sectors of ACLED's actor families.
PLOVER_SECTOR = {
    ActorType.STATE_FORCES: "MIL",
    ActorType.REBEL_GROUP: "REB",
    ActorType.POLITICAL_MILITIA: "MIL",
    ActorType.IDENTITY_MILITIA: "MIL",
    ActorType.RIOTERS: "CVL",
    ActorType.PROTESTERS: "OPP",
    ActorType.CIVILIANS: "CVL",
    ActorType.EXTERNAL_OTHER: "IGO",
}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


@dataclass(frozen=True, slots=True)
class ExportSource:
    article_id: str
    title: str
    url: str  # the article's page under the site's base URL (it redirects to its slug)
    access: AccessLevel
    locked: bool  # the viewer may not read its body on this surface


@dataclass(frozen=True, slots=True)
class ExportedEvent:
    event: LinkedEvent
    country_name: str | None
    sources: tuple[ExportSource, ...]  # at most SOURCES_PER_EVENT, first reported first
    notes: str  # evidence sentences the viewer may read; "" when none


def exported_events(
    platform: Platform,
    where: EventQuery,
    viewer: Viewer,
    surface: Surface = Surface.EXPORT,
    limit: int | None = None,
) -> Iterator[ExportedEvent]:
    """Matching events, newest first, each with its sources and the notes ``viewer`` may
    read on ``surface``."""
    reads = platform.site_reads.events.queries
    base = platform.settings.base_url.rstrip("/")
    for batch in reads.stream(where, limit):
        reports = reads.first_reports([e.id for e in batch], SOURCES_PER_EVENT)
        chosen: dict[str, dict[str, Any]] = {}
        for event in batch:
            for report in reports.get(event.id, ()):
                access = AccessLevel(report["access"])
                if entitlement(viewer, access, surface).full_text and report["evidence"]:
                    chosen[event.id] = report
                    break
        with_notes = sorted({r["article_id"] for r in chosen.values()})
        texts = {a.id: a.plain_text for a in platform.site_reads.get_many(with_notes)}
        for event in batch:
            sources = tuple(
                ExportSource(
                    article_id=r["article_id"],
                    title=clean_text(r["title"]),
                    url=f"{base}/articles/{quote(r['article_id'], safe='')}",
                    access=AccessLevel(r["access"]),
                    locked=not entitlement(viewer, AccessLevel(r["access"]), surface).full_text,
                )
                for r in reports.get(event.id, ())
            )
            notes = ""
            picked = chosen.get(event.id)
            text = texts.get(picked["article_id"]) if picked is not None else None
            if picked is not None and text is not None:
                notes = " ".join(
                    " ".join(text[s.start : s.end].split()) for s in picked["evidence"]
                )
            country = platform.taxonomy.find_country(event.country) if event.country else None
            yield ExportedEvent(event, country.name if country else None, sources, notes)


def csv_chunks(rows: Iterator[ExportedEvent]) -> Iterator[str]:
    """The header, then one chunk per batch of rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for count, row in enumerate(rows, 1):
        writer.writerow(csv_row(row))
        if count % 200 == 0:
            yield _drain(buffer)
    yield _drain(buffer)


def csv_row(row: ExportedEvent) -> list[object]:
    event, place = row.event, row.event.place
    actors = event.actors
    first = actors[0] if actors else None
    second = actors[1] if len(actors) > 1 else None
    return [
        _cell(event.id),
        event.date.isoformat() if event.date else "",
        TIME_PRECISION.get(event.date_precision, "") if event.date_precision else "",
        _cell(event.type),
        _cell(event.subtype),
        _cell(first.name if first else ""),
        _cell(second.name if second else ""),
        INTER.get(first.type, "") if first and first.type else "",
        INTER.get(second.type, "") if second and second.type else "",
        _cell(row.country_name or event.country or ""),
        _cell(event.admin1 or ""),
        _cell(place.name if place else ""),
        _number(place.lat) if place else "",
        _number(place.lon) if place else "",
        geo_precision(place.feature) if place else "",
        _cell("; ".join(s.url for s in row.sources)),
        _cell(row.notes),
        event.fatalities if event.fatalities is not None else "",
    ]


def geo_precision(feature: str) -> int:
    """ACLED's: 1 a town or spot, 2 a district or part of a region, 3 a province or larger."""
    if feature.startswith(("P.", "S.", "L.", "T.", "H.", "R.", "U.", "V.")):
        return 1
    if feature.startswith("A.ADM1") or feature.startswith("A.PCL"):
        return 3
    return 2


def geojson_chunks(rows: Iterator[ExportedEvent]) -> Iterator[str]:
    yield '{"type":"FeatureCollection","features":['
    first = True
    for row in rows:
        yield ("" if first else ",") + json.dumps(feature(row), ensure_ascii=False)
        first = False
    yield "]}\n"


def feature(row: ExportedEvent) -> dict[str, Any]:
    event, place = row.event, row.event.place
    geometry = (
        {"type": "Point", "coordinates": [place.lon, place.lat]} if place is not None else None
    )
    properties = {
        "id": event.id,
        "date": event.date.isoformat() if event.date else None,
        "date_precision": event.date_precision.value if event.date_precision else None,
        "type": event.type,
        "subtype": event.subtype,
        "country": event.country,
        "country_name": row.country_name,
        "admin1": event.admin1,
        "location": place.name if place else None,
        "geo_precision": geo_precision(place.feature) if place else None,
        "actors": [
            {"name": a.name, "type": a.type.value if a.type else None, "entity_id": a.entity_id}
            for a in event.actors
        ],
        "fatalities": event.fatalities,
        "fatalities_approximate": event.fatalities_approximate,
        "source_count": event.sources,
        "sources": [_source_json(s) for s in row.sources],
        "notes": row.notes,
    }
    cleaned: dict[str, Any] = clean_value(properties)
    return {"type": "Feature", "id": event.id, "geometry": geometry, "properties": cleaned}


def plover_chunks(rows: Iterator[ExportedEvent]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(plover_record(row), ensure_ascii=False) + "\n"


def plover_record(row: ExportedEvent) -> dict[str, Any]:
    """One event in PLOVER's JSON record layout (id, date, event, mode, context, source,
    target, text, ...), its actors split as our reports read them: the first is the source,
    the second the target, the others further sources."""
    event, place = row.event, row.event.place
    actors = [
        {
            "actorText": a.name,
            "code": event.country or "",
            "sector": PLOVER_SECTOR.get(a.type, "") if a.type else "",
            **({"entityId": a.entity_id} if a.entity_id else {}),
        }
        for a in event.actors
    ]
    record = {
        "id": event.id,
        "date": event.date.isoformat() if event.date else None,
        "datePrecision": event.date_precision.value if event.date_precision else None,
        "event": plover_category(event.type, event.subtype),
        "mode": event.subtype,
        "context": event.type,
        "source": [actors[0], *actors[2:]] if actors else [],
        "target": actors[1:2],
        "dead": event.fatalities,
        "deadApproximate": event.fatalities_approximate,
        "geolocation": {
            "placeName": place.name,
            "admin1": event.admin1,
            "countryCode": event.country,
            "country": row.country_name,
            "lat": place.lat,
            "lon": place.lon,
            "geonameId": place.geonameid,
            "precision": geo_precision(place.feature),
        }
        if place is not None
        else None,
        "text": row.notes,
        "language": "en",
        "publication": [_source_json(s) for s in row.sources],
        "sourceCount": event.sources,
        "firstReported": event.first_reported.isoformat(),
        "lastReported": event.last_reported.isoformat(),
    }
    cleaned: dict[str, Any] = clean_value(record)
    return cleaned


def plover_category(event_type: str, subtype: str) -> str:
    return PLOVER_BY_SUBTYPE.get(subtype) or PLOVER_BY_TYPE.get(event_type, "")


def _source_json(source: ExportSource) -> dict[str, Any]:
    return {
        "article_id": source.article_id,
        "title": source.title,
        "url": source.url,
        "access": source.access.value,
        "locked": source.locked,
    }


def _cell(value: str) -> str:
    """A text cell a spreadsheet will not run: one starting like a formula is quoted with a
    leading apostrophe (OWASP's advice for CSV injection)."""
    text = clean_text(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _number(value: float) -> str:
    return f"{value:.5f}"


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
