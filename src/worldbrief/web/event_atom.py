"""Atom 1.0 documents of events (an actor's, a country's), built from ``atom_elements`` so
every value is escaped. An entry's content is the notes the viewer may read
(``services.event_exports``), else the entry has none."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from urllib.parse import quote
from xml.etree import ElementTree as ET

from worldbrief.services.event_exports import ExportedEvent
from worldbrief.web.atom_elements import category, entry_element, iso, link, page_feed, text


def event_feed(
    *,
    title: str,
    feed_path: str,
    page_path: str,
    base_url: str,
    entries: Sequence[ExportedEvent],
) -> bytes:
    base = base_url.rstrip("/")
    # With no entry the feed's time is the epoch: kept answers must not depend on the clock.
    updated = max((e.event.last_reported for e in entries), default=datetime.fromtimestamp(0, UTC))
    return page_feed(
        base=base,
        title=title,
        feed_path=feed_path,
        page_path=page_path,
        updated=updated,
        entries=(_entry(entry, base) for entry in entries),
    )


def entry_title(row: ExportedEvent) -> str:
    event = row.event
    where = ", ".join(p for p in (event.place.name if event.place else None, event.admin1) if p)
    day = event.date.isoformat() if event.date else "undated"
    return f"{event.subtype}{' in ' + where if where else ''} ({day})"


def entry_summary(row: ExportedEvent) -> str:
    event = row.event
    parts = [f"{event.type}: {event.subtype}"]
    if row.country_name:
        parts.append(row.country_name)
    if event.actors:
        parts.append("actors: " + ", ".join(a.name for a in event.actors))
    if event.fatalities is not None:
        about = "at least " if event.fatalities_approximate else ""
        parts.append(f"fatalities: {about}{event.fatalities}")
    parts.append(f"{event.sources} source{'s' if event.sources != 1 else ''}")
    return "; ".join(parts)


def _entry(row: ExportedEvent, base: str) -> ET.Element:
    event = row.event
    element = entry_element()
    page = f"{base}/events/{quote(event.id, safe='')}"
    text(element, "id", page)
    text(element, "title", entry_title(row))
    link(element, page, "alternate", "text/html")
    for source in row.sources:
        link(element, source.url, "related", "text/html")
    text(element, "published", iso(event.first_reported))
    text(element, "updated", iso(event.last_reported))
    category(element, event.type, event.type)
    category(element, f"subtype:{event.subtype}", event.subtype)
    if event.country:
        category(element, f"country:{event.country}", row.country_name or event.country)
    text(element, "summary", entry_summary(row))
    if row.notes:
        text(element, "content", row.notes).set("type", "text")
    return element
