"""Atom 1.0 documents of articles for the site's feeds (elements from ``atom_elements``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from worldbrief.domain.feed_article import FeedArticle, FeedEntry
from worldbrief.web.atom_elements import (
    ATOM_NS,
    category,
    entry_element,
    iso,
    link,
    page_feed,
    text,
)
from worldbrief.web.views import article_url


def atom_feed(
    *, title: str, feed_path: str, page_path: str, base_url: str, entries: Sequence[FeedEntry]
) -> bytes:
    base = base_url.rstrip("/")
    return page_feed(
        base=base,
        title=title,
        feed_path=feed_path,
        page_path=page_path,
        updated=max((_updated(e.article) for e in entries), default=datetime.now(UTC)),
        entries=(_entry(entry, base) for entry in entries),
    )


def _entry(entry: FeedEntry, base: str) -> ET.Element:
    article = entry.article
    element = entry_element()
    text(element, "id", f"{base}/articles/{article.id}")
    text(element, "title", article.title)
    link(element, base + article_url(article.id, article.title), "alternate", "text/html")
    text(element, "published", iso(article.published_at))
    text(element, "updated", iso(_updated(article)))
    for author in article.authors or ():
        person = ET.SubElement(element, f"{{{ATOM_NS}}}author")
        text(person, "name", f"{author.name}, {author.role}" if author.role else author.name)
    category(element, article.type.value, article.type.label)
    for country in article.focus_countries:
        category(element, f"country:{country.code}", country.name)
    text(element, "summary", article.teaser)
    if entry.content_html is not None:
        text(element, "content", entry.content_html).set("type", "html")
    return element


def _updated(article: FeedArticle) -> datetime:
    return article.updated_at or article.published_at
