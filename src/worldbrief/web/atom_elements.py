"""Atom 1.0 building blocks shared by every feed: the namespace, escaped elements and times.

Every text and attribute passes ``clean_text``: one character XML 1.0 forbids, stored in one
title, would make the whole feed unreadable for every subscriber.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from worldbrief.text.characters import clean_text

ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_MEDIA_TYPE = "application/atom+xml; charset=utf-8"


def feed_root(
    *, feed_id: str, title: str, updated: str, self_href: str, page_href: str | None
) -> ET.Element:
    """A ``feed`` element with its head: id, title, updated, self (and page) link, generator."""
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    text(feed, "id", feed_id)
    text(feed, "title", title)
    text(feed, "updated", updated)
    link(feed, self_href, "self", "application/atom+xml")
    if page_href is not None:
        link(feed, page_href, "alternate", "text/html")
    text(feed, "generator", "worldbrief")
    return feed


def page_feed(
    *,
    base: str,
    title: str,
    feed_path: str,
    page_path: str,
    updated: datetime,
    entries: Iterable[ET.Element],
) -> bytes:
    """The document of a feed that follows a page of the site (its id and self link at
    ``feed_path``, the page at ``page_path``, both below ``base``), with its entries in order."""
    feed = feed_root(
        feed_id=base + feed_path,
        title=title,
        updated=iso(updated),
        self_href=base + feed_path,
        page_href=base + page_path,
    )
    feed.extend(entries)
    return serialize(feed)


def entry_element() -> ET.Element:
    return ET.Element(f"{{{ATOM_NS}}}entry")


def text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    child = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}")
    child.text = clean_text(value)
    return child


def category(parent: ET.Element, term: str, label: str | None = None) -> None:
    attributes = {"term": clean_text(term)}
    if label is not None:
        attributes["label"] = clean_text(label)
    ET.SubElement(parent, f"{{{ATOM_NS}}}category", attributes)


def link(parent: ET.Element, href: str, rel: str, media_type: str) -> None:
    ET.SubElement(parent, f"{{{ATOM_NS}}}link", href=clean_text(href), rel=rel, type=media_type)


def iso(moment: datetime) -> str:
    """RFC 3339 in UTC with a ``Z``, to the second, as Atom readers expect."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def serialize(feed: ET.Element) -> bytes:
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document
