"""Use case: subscribe to RSS/Atom feeds and poll them with conditional GET.

A failing feed never stalls silently: every poll records its outcome, and `feeds list` shows the
last error and how many polls in a row have failed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from worldbrief.domain.feed import Feed
from worldbrief.ingest.feeds import FeedError, poll_feed
from worldbrief.ingest.safe_fetch import FetchError, SafeFetcher
from worldbrief.services.ingest import IngestReport, ingest_records
from worldbrief.services.platform import Platform


class FeedUrlError(ValueError):
    pass


@dataclass
class FeedPollOutcome:
    url: str
    not_modified: bool = False
    error: str | None = None
    report: IngestReport = field(default_factory=IngestReport)


def add_feed(platform: Platform, url: str, title: str | None = None) -> Feed:
    if not url.startswith(("http://", "https://")):
        raise FeedUrlError(f"feed URL must start with http:// or https://, got {url!r}")
    return platform.store.add_feed(url, title)


def poll_feeds(
    platform: Platform,
    urls: list[str] | None = None,
    on_done: Callable[[FeedPollOutcome], None] | None = None,
) -> list[FeedPollOutcome]:
    """Poll the given feeds (default: all subscribed), ingest new entries, record each outcome."""
    feeds = platform.store.list_feeds()
    if urls:
        wanted = set(urls)
        unknown = wanted - {f.url for f in feeds}
        if unknown:
            raise FeedUrlError(f"not subscribed: {', '.join(sorted(unknown))}")
        feeds = [f for f in feeds if f.url in wanted]
    fetcher = SafeFetcher(platform.settings)
    outcomes = []
    for feed in feeds:
        outcome = _poll_one(platform, fetcher, feed)
        outcomes.append(outcome)
        if on_done:
            on_done(outcome)
    return outcomes


def _poll_one(platform: Platform, fetcher: SafeFetcher, feed: Feed) -> FeedPollOutcome:
    outcome = FeedPollOutcome(url=feed.url)
    polled_at = datetime.now(UTC)
    try:
        poll = poll_feed(fetcher, feed.url, feed.etag, feed.last_modified)
    except (FetchError, FeedError) as error:
        outcome.error = str(error)
        platform.store.record_feed_poll(feed.url, polled_at=polled_at, error=outcome.error)
        return outcome
    if poll.not_modified or poll.parsed is None:
        outcome.not_modified = True
        platform.store.record_feed_poll(
            feed.url,
            polled_at=polled_at,
            error=None,
            etag=poll.etag or feed.etag,
            last_modified=poll.last_modified or feed.last_modified,
        )
        return outcome
    outcome.report = ingest_records(platform, poll.parsed.entries)
    platform.store.record_feed_poll(
        feed.url,
        polled_at=polled_at,
        error=None,
        etag=poll.etag,
        last_modified=poll.last_modified,
        title=poll.parsed.title or feed.title,
        new_entries=outcome.report.created,
    )
    return outcome
