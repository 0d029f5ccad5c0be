"""RSS (0.9x, 1.0, 2.0) and Atom feeds: parsing, and polling with conditional GET."""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field

import feedparser

from worldbrief.domain import RawDocument, RejectedRecord
from worldbrief.ingest.decoding import bom_encoding
from worldbrief.ingest.errors import IngestError
from worldbrief.ingest.feed_authors import author_fields_by_entry
from worldbrief.ingest.feed_entry import document_from_entry
from worldbrief.ingest.fields import RecordError
from worldbrief.ingest.legacy_charsets import declared_codec, guess_legacy_codec
from worldbrief.ingest.limits import ReadLimits
from worldbrief.ingest.safe_fetch import SafeFetcher
from worldbrief.text.characters import clean_text

log = logging.getLogger(__name__)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=""")

FEED_CONTENT_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/x-rss+xml",
    "application/xml",
    "text/xml",
)


class FeedError(IngestError):
    """A fetched document is not a readable RSS or Atom feed."""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str | None
    entries: list[RawDocument | RejectedRecord] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class FeedPoll:
    """One poll: keep ``etag`` and ``last_modified`` for the next; ``parsed`` is None on 304."""

    not_modified: bool
    etag: str | None
    last_modified: str | None
    parsed: ParsedFeed | None


def parse_feed(
    data: bytes, feed_url: str, limits: ReadLimits | None = None, charset: str | None = None
) -> ParsedFeed:
    """Entries of the feed in ``data``; a bad entry becomes a ``RejectedRecord`` at ``url[INDEX]``.
    ``charset`` is the one the HTTP response declared, if any.

    Raises ``FeedError`` when ``data`` is not a feed (malformed XML with no entries, or no RSS
    or Atom root).
    """
    limits = limits or ReadLimits()
    known = _feed_charset(data, charset)
    headers = {"content-type": f"application/xml; charset={known}"} if known else {}
    # A file-like object, never bytes or str: feedparser treats those as a file name or URL.
    try:
        # Entry HTML is reduced to text by ``html_to_text``; feedparser's own sanitiser is not
        # needed, and takes time in the square of the input for some hostile markup.
        parsed = feedparser.parse(
            io.BytesIO(data),
            sanitize_html=False,
            resolve_relative_uris=False,
            response_headers=headers,
        )
    except Exception as error:  # feedparser reports most problems as "bozo"; this is the rest
        raise FeedError(feed_url, f"the feed could not be parsed: {error!r}") from None
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception") or "unknown parser error"
            raise FeedError(feed_url, f"the feed is malformed: {reason}")
        if not parsed.get("version"):
            raise FeedError(feed_url, "the document is not an RSS or Atom feed")
    channel = parsed.get("feed") or {}
    title = clean_text(str(channel.get("title") or "")).strip() or None
    language = clean_text(str(channel.get("language") or "")).strip() or None
    author_fields = author_fields_by_entry(data)
    if author_fields is not None and len(author_fields) != len(parsed.entries):
        author_fields = None  # entries found differently: feedparser's own author fields
    entries: list[RawDocument | RejectedRecord] = []
    for index, entry in enumerate(parsed.entries):
        location = f"{feed_url}[{index}]"
        try:
            entries.append(
                document_from_entry(
                    entry,
                    location=location,
                    feed_url=feed_url,
                    feed_title=title,
                    language=language,
                    limits=limits,
                    author_fields=author_fields[index] if author_fields is not None else None,
                )
            )
        except RecordError as error:
            entries.append(RejectedRecord(location, str(error)))
        except Exception as error:  # a reader's defect must cost one entry, not the feed
            log.exception("unexpected failure reading %s", location)
            entries.append(RejectedRecord(location, f"could not be read: {error!r}"))
    return ParsedFeed(title=title, entries=entries)


def _feed_charset(data: bytes, declared: str | None) -> str | None:
    """The charset to read the feed in when XML's own rules would get it wrong: the one HTTP
    declared, or for undeclared bytes that are not UTF-8, the one they look like."""
    named = declared_codec(declared)
    if named is not None and named != "utf-8":
        return named
    if bom_encoding(data) or _XML_ENCODING.match(data):
        return None  # a byte-order mark or the XML declaration says it
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return guess_legacy_codec(data)
    return None


def poll_feed(
    fetcher: SafeFetcher,
    url: str,
    etag: str | None,
    last_modified: str | None,
    limits: ReadLimits | None = None,
) -> FeedPoll:
    """Fetch ``url`` conditionally and parse it; raises ``FetchError`` or ``FeedError``."""
    result = fetcher.fetch(url, etag=etag, last_modified=last_modified, accept=FEED_CONTENT_TYPES)
    if result.not_modified:
        return FeedPoll(True, result.etag or etag, result.last_modified or last_modified, None)
    parsed = parse_feed(result.body, url, limits, result.charset)
    return FeedPoll(False, result.etag, result.last_modified, parsed)
