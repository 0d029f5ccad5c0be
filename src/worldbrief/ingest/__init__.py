"""Readers that turn files, web pages and feeds into ``RawDocument`` or ``RejectedRecord``.

They do no enrichment and no storage; a service does that. File readers yield lazily so large
inputs stream.
"""

from worldbrief.ingest.errors import IngestError
from worldbrief.ingest.feeds import (
    FEED_CONTENT_TYPES,
    FeedError,
    FeedPoll,
    ParsedFeed,
    parse_feed,
    poll_feed,
)
from worldbrief.ingest.files import SUPPORTED_SUFFIXES, read_path
from worldbrief.ingest.safe_fetch import HTML_CONTENT_TYPES, FetchError, FetchResult, SafeFetcher
from worldbrief.ingest.web import ExtractionError, document_from_page

__all__ = [
    "FEED_CONTENT_TYPES",
    "HTML_CONTENT_TYPES",
    "SUPPORTED_SUFFIXES",
    "ExtractionError",
    "FeedError",
    "FeedPoll",
    "FetchError",
    "FetchResult",
    "IngestError",
    "ParsedFeed",
    "SafeFetcher",
    "document_from_page",
    "parse_feed",
    "poll_feed",
    "read_path",
]
