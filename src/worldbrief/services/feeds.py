"""Use case: subscribe to RSS/Atom feeds and poll them with conditional GET.

A failing feed never stalls silently: every poll records its outcome, and `feeds list` shows the
last error and how many polls in a row have failed. Every feed is polled whatever another feed
does: a failure, expected or not, is recorded on the feed that caused it and the next one goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from worldbrief.domain.feed import Feed
from worldbrief.ingest.dates import shown
from worldbrief.ingest.feeds import FeedError, poll_feed
from worldbrief.ingest.limits import ReadLimits, url_length_problem
from worldbrief.ingest.safe_fetch import FetchError, SafeFetcher
from worldbrief.services.ingest import IngestReport, ingest_records
from worldbrief.services.platform import Platform
from worldbrief.text.characters import clean_text
from worldbrief.text.urls import UnsafeUrlError, checked_http_url

log = logging.getLogger(__name__)


class FeedUrlError(ValueError):
    pass


@dataclass
class FeedPollOutcome:
    url: str
    not_modified: bool = False
    error: str | None = None
    report: IngestReport = field(default_factory=IngestReport)


def add_feed(platform: Platform, url: str, title: str | None = None) -> Feed:
    """Subscribe to ``url``; raises ``FeedUrlError`` when it is not an http(s) URL we can fetch."""
    try:
        checked = checked_http_url(url)
    except UnsafeUrlError as error:
        raise FeedUrlError(f"cannot subscribe to {shown(url, 200)}: {error}") from None
    if problem := url_length_problem(checked):
        raise FeedUrlError(f"cannot subscribe to {shown(url, 200)}: {problem}")
    if refusal := SafeFetcher(platform.settings).refusal(checked):
        raise FeedUrlError(
            f"cannot subscribe to {shown(url, 200)}: fetching it is refused: {refusal}"
        )
    cleaned_title = clean_text(title).strip() or None if title else None
    return platform.store.add_feed(checked, cleaned_title)


def poll_feeds(
    platform: Platform,
    urls: list[str] | None = None,
    on_done: Callable[[FeedPollOutcome], None] | None = None,
    follow_index: bool = True,
) -> list[FeedPollOutcome]:
    """Poll the given feeds (default: all subscribed), ingest new entries, record each outcome.
    A queue worker passes ``follow_index=False``: the app nodes index from the change log."""
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
        outcome = _poll_guarded(platform, fetcher, feed, follow_index)
        outcomes.append(outcome)
        if on_done:
            on_done(outcome)
    return outcomes


def _poll_guarded(
    platform: Platform, fetcher: SafeFetcher, feed: Feed, follow_index: bool = True
) -> FeedPollOutcome:
    """Poll one feed; whatever goes wrong is that feed's recorded failure, not the run's end."""
    try:
        return _poll_one(platform, fetcher, feed, follow_index)
    except Exception as error:
        log.exception("polling %s failed", feed.url)
        outcome = FeedPollOutcome(url=feed.url, error=f"the poll failed: {error}")
    try:
        platform.store.record_feed_poll(feed.url, polled_at=datetime.now(UTC), error=outcome.error)
    except Exception as error:  # the store itself failing: still say so, and go on
        log.exception("recording the poll of %s failed", feed.url)
        outcome.error = f"{outcome.error}; the failure could not be recorded: {error}"
    return outcome


def _poll_one(
    platform: Platform, fetcher: SafeFetcher, feed: Feed, follow_index: bool = True
) -> FeedPollOutcome:
    outcome = FeedPollOutcome(url=feed.url)
    polled_at = datetime.now(UTC)
    limits = ReadLimits.from_settings(platform.settings)
    try:
        checked_http_url(feed.url)  # a feed subscribed before URLs were checked on add
        poll = poll_feed(fetcher, feed.url, feed.etag, feed.last_modified, limits)
    except UnsafeUrlError as error:
        outcome.error = str(error)
        platform.store.record_feed_poll(feed.url, polled_at=polled_at, error=outcome.error)
        return outcome
    except (FetchError, FeedError) as error:
        outcome.error = error.reason  # recorded on the feed, which names the URL already
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
    outcome.report = ingest_records(platform, poll.parsed.entries, follow_index=follow_index)
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
