"""A watchlist's alerts as an Atom 1.0 document (from ``atom_elements``: every value escaped).

An entry per alert, newest first: the article (its body only when the service allowed it) or
the event, and in its summary why the alert fired."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote
from xml.etree import ElementTree as ET

from worldbrief.services.search_rises import rise_link
from worldbrief.services.trend_alerts import signal_link
from worldbrief.services.watchlist_feed import AlertEntry, WatchlistFeed
from worldbrief.text.markup import body_to_html
from worldbrief.web.atom_elements import category, entry_element, feed_root, link, serialize, text
from worldbrief.web.views import article_url


def watchlist_atom(feed: WatchlistFeed, *, site_name: str, base_url: str, feed_path: str) -> bytes:
    base = base_url.rstrip("/")
    updated = max((e.alert.created_at for e in feed.entries), default=datetime.now(UTC))
    root = feed_root(
        feed_id=f"{base}/feeds/watchlists/{feed.watchlist.id}",
        title=f"{site_name}: {feed.watchlist.name}",
        updated=updated.isoformat(),
        self_href=base + feed_path,
        page_href=None,
    )
    for entry in feed.entries:
        root.append(_entry(entry, base))
    return serialize(root)


def _entry(entry: AlertEntry, base: str) -> ET.Element:
    alert, article, event = entry.alert, entry.article, entry.event
    element = entry_element()
    text(element, "id", f"{base}/alerts/{alert.id}")
    if event is not None:
        where = ", ".join(p for p in (event.admin1, event.country) if p)
        when = f" on {event.date.isoformat()}" if event.date else ""
        text(element, "title", f"{event.subtype} in {where or 'an unknown place'}{when}")
        link(element, f"{base}/events/{quote(event.id, safe='')}", "alternate", "text/html")
    elif article is not None:
        text(element, "title", article.title)
        link(element, base + article_url(article.id, article.title), "alternate", "text/html")
    elif (signal := signal_link(alert) or rise_link(alert)) is not None:
        text(element, "title", signal[0])
        link(element, base + signal[1], "alternate", "text/html")
    else:
        text(element, "title", f"{alert.kind.value} {alert.item_id} (no longer stored)")
    text(element, "updated", alert.created_at.isoformat())
    category(element, f"alert:{alert.kind.value}")
    summary = f"Why: {alert.why}."
    if article is not None:
        summary += f" {article.teaser}" if event is None else f" Reported in: {article.title}"
    text(element, "summary", summary)
    if article is not None and event is None and entry.full_text:
        content = text(element, "content", body_to_html(article.body, article.body_format))
        content.set("type", "html")
    return element
