"""Atom 1.0 documents for the site's feeds, built with ElementTree so every value is escaped.

Every text and attribute passes ``clean_text``: one character XML 1.0 forbids, stored in one
title, would make the whole feed unreadable for every subscriber.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from worldbrief.domain import Article
from worldbrief.text.characters import clean_text
from worldbrief.web.views import article_url

ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_MEDIA_TYPE = "application/atom+xml; charset=utf-8"


@dataclass(frozen=True, slots=True)
class FeedEntry:
    article: Article
    content_html: str | None  # the body when the viewer may read it on feeds, else None


def atom_feed(
    *, title: str, feed_path: str, page_path: str, base_url: str, entries: Sequence[FeedEntry]
) -> bytes:
    base = base_url.rstrip("/")
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _text(feed, "id", base + feed_path)
    _text(feed, "title", title)
    updated = max((_updated(e.article) for e in entries), default=datetime.now(UTC))
    _text(feed, "updated", _iso(updated))
    _link(feed, base + feed_path, "self", "application/atom+xml")
    _link(feed, base + page_path, "alternate", "text/html")
    _text(feed, "generator", "worldbrief")
    for entry in entries:
        feed.append(_entry(entry, base))
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document


def _entry(entry: FeedEntry, base: str) -> ET.Element:
    article = entry.article
    element = ET.Element(f"{{{ATOM_NS}}}entry")
    _text(element, "id", f"{base}/articles/{article.id}")
    _text(element, "title", article.title)
    _link(element, base + article_url(article.id, article.title), "alternate", "text/html")
    _text(element, "published", _iso(article.published_at))
    _text(element, "updated", _iso(_updated(article)))
    for author in article.authors or ():
        person = ET.SubElement(element, f"{{{ATOM_NS}}}author")
        _text(person, "name", f"{author.name}, {author.role}" if author.role else author.name)
    _category(element, article.type.value, article.type.label)
    for country in article.enrichment.focus_countries:
        _category(element, f"country:{country.code}", country.name)
    _text(element, "summary", article.teaser)
    if entry.content_html is not None:
        content = _text(element, "content", entry.content_html)
        content.set("type", "html")
    return element


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    child = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}")
    child.text = clean_text(value)
    return child


def _category(parent: ET.Element, term: str, label: str) -> None:
    ET.SubElement(parent, f"{{{ATOM_NS}}}category", term=clean_text(term), label=clean_text(label))


def _link(parent: ET.Element, href: str, rel: str, media_type: str) -> None:
    ET.SubElement(parent, f"{{{ATOM_NS}}}link", href=clean_text(href), rel=rel, type=media_type)


def _updated(article: Article) -> datetime:
    return article.updated_at or article.published_at


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
