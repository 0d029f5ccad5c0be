"""Atom 1.0 documents of events (an actor's, a country's), built with ElementTree so every
value is escaped; each text passes ``clean_text`` as in ``atom``. An entry's content is the
notes the viewer may read (``services.event_exports``), else the entry has none."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from urllib.parse import quote
from xml.etree import ElementTree as ET

from worldbrief.services.event_exports import ExportedEvent
from worldbrief.text.characters import clean_text
from worldbrief.web.atom import ATOM_NS


def event_feed(
    *,
    title: str,
    feed_path: str,
    page_path: str,
    base_url: str,
    entries: Sequence[ExportedEvent],
) -> bytes:
    base = base_url.rstrip("/")
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _text(feed, "id", base + feed_path)
    _text(feed, "title", title)
    # With no entry the feed's time is the epoch: kept answers must not depend on the clock.
    updated = max((e.event.last_reported for e in entries), default=datetime.fromtimestamp(0, UTC))
    _text(feed, "updated", _iso(updated))
    _link(feed, base + feed_path, "self", "application/atom+xml")
    _link(feed, base + page_path, "alternate", "text/html")
    _text(feed, "generator", "worldbrief")
    for entry in entries:
        feed.append(_entry(entry, base))
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document


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
    element = ET.Element(f"{{{ATOM_NS}}}entry")
    page = f"{base}/events/{quote(event.id, safe='')}"
    _text(element, "id", page)
    _text(element, "title", entry_title(row))
    _link(element, page, "alternate", "text/html")
    for source in row.sources:
        _link(element, source.url, "related", "text/html")
    _text(element, "published", _iso(event.first_reported))
    _text(element, "updated", _iso(event.last_reported))
    _category(element, event.type, event.type)
    _category(element, f"subtype:{event.subtype}", event.subtype)
    if event.country:
        _category(element, f"country:{event.country}", row.country_name or event.country)
    _text(element, "summary", entry_summary(row))
    if row.notes:
        _text(element, "content", row.notes).set("type", "text")
    return element


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    child = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}")
    child.text = clean_text(value)
    return child


def _category(parent: ET.Element, term: str, label: str) -> None:
    ET.SubElement(parent, f"{{{ATOM_NS}}}category", term=clean_text(term), label=clean_text(label))


def _link(parent: ET.Element, href: str, rel: str, media_type: str) -> None:
    ET.SubElement(parent, f"{{{ATOM_NS}}}link", href=clean_text(href), rel=rel, type=media_type)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
