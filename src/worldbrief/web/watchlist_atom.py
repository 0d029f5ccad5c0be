"""A watchlist's alerts as an Atom 1.0 document (ElementTree: every value escaped).

An entry per alert, newest first: the article (its body only when the service allowed it) or
the event, and in its summary why the alert fired."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote
from xml.etree import ElementTree as ET

from worldbrief.services.search_rises import rise_link
from worldbrief.services.trend_alerts import signal_link
from worldbrief.services.watchlist_feed import AlertEntry, WatchlistFeed
from worldbrief.text.characters import clean_text
from worldbrief.text.markup import body_to_html
from worldbrief.web.atom import ATOM_NS
from worldbrief.web.views import article_url


def watchlist_atom(feed: WatchlistFeed, *, site_name: str, base_url: str, feed_path: str) -> bytes:
    base = base_url.rstrip("/")
    ET.register_namespace("", ATOM_NS)
    root = ET.Element(f"{{{ATOM_NS}}}feed")
    _text(root, "id", f"{base}/feeds/watchlists/{feed.watchlist.id}")
    _text(root, "title", f"{site_name}: {feed.watchlist.name}")
    updated = max((e.alert.created_at for e in feed.entries), default=datetime.now(UTC))
    _text(root, "updated", updated.isoformat())
    _link(root, base + feed_path, "self", "application/atom+xml")
    _text(root, "generator", "worldbrief")
    for entry in feed.entries:
        root.append(_entry(entry, base))
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document


def _entry(entry: AlertEntry, base: str) -> ET.Element:
    alert, article, event = entry.alert, entry.article, entry.event
    element = ET.Element(f"{{{ATOM_NS}}}entry")
    _text(element, "id", f"{base}/alerts/{alert.id}")
    if event is not None:
        where = ", ".join(p for p in (event.admin1, event.country) if p)
        when = f" on {event.date.isoformat()}" if event.date else ""
        _text(element, "title", f"{event.subtype} in {where or 'an unknown place'}{when}")
        _link(element, f"{base}/events/{quote(event.id, safe='')}", "alternate", "text/html")
    elif article is not None:
        _text(element, "title", article.title)
        _link(element, base + article_url(article.id, article.title), "alternate", "text/html")
    elif (signal := signal_link(alert) or rise_link(alert)) is not None:
        _text(element, "title", signal[0])
        _link(element, base + signal[1], "alternate", "text/html")
    else:
        _text(element, "title", f"{alert.kind.value} {alert.item_id} (no longer stored)")
    _text(element, "updated", alert.created_at.isoformat())
    _category(element, f"alert:{alert.kind.value}")
    summary = f"Why: {alert.why}."
    if article is not None:
        summary += f" {article.teaser}" if event is None else f" Reported in: {article.title}"
    _text(element, "summary", summary)
    if article is not None and event is None and entry.full_text:
        content = _text(element, "content", body_to_html(article.body, article.body_format))
        content.set("type", "html")
    return element


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    child = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}")
    child.text = clean_text(value)
    return child


def _category(parent: ET.Element, term: str) -> None:
    ET.SubElement(parent, f"{{{ATOM_NS}}}category", term=clean_text(term))


def _link(parent: ET.Element, href: str, rel: str, media_type: str) -> None:
    ET.SubElement(parent, f"{{{ATOM_NS}}}link", href=clean_text(href), rel=rel, type=media_type)
