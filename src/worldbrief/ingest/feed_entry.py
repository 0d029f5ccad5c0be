"""One feedparser entry to a raw document (or the reason it cannot be one)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from worldbrief.domain import Author, BodyFormat, RawDocument
from worldbrief.ingest.bylines import byline_names
from worldbrief.ingest.dates import from_struct_time, shown
from worldbrief.ingest.fields import RecordError
from worldbrief.ingest.html_text import html_to_text
from worldbrief.ingest.limits import ReadLimits
from worldbrief.text.markup import first_sentences
from worldbrief.text.urls import UnsafeUrlError, checked_http_url, safe_http_url

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def document_from_entry(
    entry: Any,
    *,
    location: str,
    feed_url: str,
    feed_title: str | None,
    language: str | None,
    limits: ReadLimits,
    author_fields: list[str] | None = None,
) -> RawDocument:
    """The entry's document; raises ``RecordError`` for a missing title or body, a bad date, a
    link or enclosure that is not an http(s) URL, or an entry over ``max_document_bytes``.

    The body is plain text (feed HTML is reduced to paragraphs); the teaser is the first
    sentences of the summary (of the body when the entry has only a summary). Without a
    published date, the updated date stands in. ``author_fields`` are the entry's author
    fields as the XML has them (``feed_authors``); without them feedparser's are used.
    """
    problem = limits.document_problem(_entry_size(entry), "the feed entry")
    if problem:
        raise RecordError(problem)
    title = _text_of(entry.get("title_detail"), entry.get("title"))
    if not title:
        raise RecordError("the feed entry has no title")
    contents = entry.get("content") or []
    summary = _text_of(entry.get("summary_detail"), entry.get("summary"))
    body = _text_of(contents[0], contents[0].get("value")) if contents else summary
    if not body:
        raise RecordError(f"the feed entry {shown(title)} has no content or summary")
    published_at = _timestamp(entry, "published")
    updated_at = _timestamp(entry, "updated")
    tags = [tag.get("term") for tag in entry.get("tags") or [] if tag.get("term")]
    return RawDocument(
        location=location,
        title=title,
        body=body,
        body_format=BodyFormat.TEXT,
        external_id=entry.get("id") or None,
        url=_link(entry),
        teaser=first_sentences(summary) if summary else None,
        authors=_authors(entry, author_fields),
        published_at=published_at or updated_at,
        updated_at=updated_at,
        source_name=feed_title,
        feed_url=feed_url,
        language=_language(contents) or language,
        media_url=_media_url(entry),
        metadata={"tags": tags} if tags else {},
    )


def _text_of(detail: Any, value: Any) -> str:
    if not isinstance(value, str):
        return ""
    content_type = detail.get("type") if detail else None
    if content_type in _HTML_TYPES:
        return html_to_text(value)
    return value.strip()


def _timestamp(entry: Any, name: str) -> datetime | None:
    # Plain dict access: feedparser's own mapping would silently swap updated for published.
    parsed = dict.get(entry, f"{name}_parsed")
    raw = dict.get(entry, name)
    if parsed:
        try:
            return from_struct_time(parsed)
        except ValueError as error:
            raise RecordError(f"the feed entry's {name} date {shown(raw)}: {error}") from None
    if raw:
        raise RecordError(f"the feed entry has an unreadable {name} date {shown(raw)}")
    return None


def _link(entry: Any) -> str | None:
    link = entry.get("link")
    if link and link == entry.get("id") and safe_http_url(str(link)) is None:
        return None  # feedparser's stand-in for a missing link: the entry's id (urn:...)
    return _checked_url(link, "link")


def _checked_url(value: Any, name: str) -> str | None:
    if not value:
        return None
    try:
        return checked_http_url(str(value))
    except UnsafeUrlError as error:
        raise RecordError(f"the feed entry's {name} {shown(value)}: {error}") from None


def _entry_size(entry: Any) -> int:
    """Bytes of the entry's text fields, to hold one entry to the per-document cap."""
    parts = [entry.get("title"), entry.get("summary")]
    parts += [content.get("value") for content in entry.get("content") or []]
    return sum(len(part.encode("utf-8", "replace")) for part in parts if isinstance(part, str))


def _authors(entry: Any, author_fields: list[str] | None) -> tuple[Author, ...]:
    if author_fields is None:
        author_fields = _feedparser_author_fields(entry)
    return tuple(Author(name) for name in byline_names(author_fields))


def _feedparser_author_fields(entry: Any) -> list[str]:
    """The entry's author fields as feedparser kept them: for one author, the field as written
    (its split of ``address (name)`` cuts long domains); for several, each name."""
    details = [a for a in entry.get("authors") or [] if isinstance(a, dict)]
    raw = entry.get("author")
    if len(details) <= 1 and isinstance(raw, str):
        return [raw]
    return [name for d in details if isinstance(name := d.get("name"), str)]


def _media_url(entry: Any) -> str | None:
    for link in entry.get("links") or []:
        kind = str(link.get("type") or "")
        if link.get("rel") == "enclosure" and kind.startswith(("audio/", "video/")):
            return _checked_url(link.get("href"), "enclosure URL")
    return None


def _language(contents: list[Any]) -> str | None:
    value = contents[0].get("language") if contents else None
    return str(value) if value else None
