"""Subscribed feeds and their polling state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from worldbrief.store import ArticleStore, FeedNotFoundError, StoreError

URL = "https://example.org/feed.xml"
T0 = datetime(2024, 6, 1, 8, 0, tzinfo=UTC)


def test_add_is_idempotent(store: ArticleStore) -> None:
    first = store.add_feed(URL)
    assert first.title is None and first.consecutive_failures == 0 and first.entries_ingested == 0
    assert first.added_at.tzinfo is UTC
    again = store.add_feed(URL, title="Example")
    assert again.added_at == first.added_at
    assert again.title == "Example"
    assert store.add_feed(URL, title="Other").title == "Example"
    assert [f.url for f in store.list_feeds()] == [URL]


def test_list_get_remove(store: ArticleStore) -> None:
    store.add_feed("https://b.example/rss")
    store.add_feed("https://a.example/atom")
    assert [f.url for f in store.list_feeds()] == [
        "https://a.example/atom",
        "https://b.example/rss",
    ]
    assert store.get_feed("https://nope.example/") is None
    assert store.remove_feed("https://a.example/atom") is True
    assert store.remove_feed("https://a.example/atom") is False
    assert [f.url for f in store.list_feeds()] == ["https://b.example/rss"]


def test_polls_count_failures_and_entries(store: ArticleStore) -> None:
    store.add_feed(URL)
    ok = store.record_feed_poll(
        URL,
        polled_at=T0,
        error=None,
        etag='"v1"',
        last_modified="Sat, 01 Jun 2024 08:00:00 GMT",
        title="Example Feed",
        new_entries=3,
    )
    assert (ok.etag, ok.title, ok.entries_ingested, ok.last_success_at) == (
        '"v1"',
        "Example Feed",
        3,
        T0,
    )

    failing = T0 + timedelta(hours=1)
    store.record_feed_poll(URL, polled_at=failing, error="HTTP 503")
    bad = store.record_feed_poll(URL, polled_at=failing + timedelta(hours=1), error="timeout")
    assert (bad.consecutive_failures, bad.last_error, bad.healthy) == (2, "timeout", False)
    assert bad.last_success_at == T0 and bad.etag == '"v1"'

    plus5 = timezone(timedelta(hours=5))
    recovered = store.record_feed_poll(
        URL, polled_at=datetime(2024, 6, 1, 16, 0, tzinfo=plus5), error=None, new_entries=2
    )
    assert recovered.consecutive_failures == 0 and recovered.last_error is None
    assert recovered.entries_ingested == 5
    assert recovered.etag == '"v1"'  # a 304 brings no new validators; keep the old ones
    assert recovered.last_polled_at == T0 + timedelta(hours=3)
    assert recovered.last_polled_at is not None and recovered.last_polled_at.tzinfo is UTC
    assert store.get_feed(URL) == recovered


def test_unknown_or_empty_feed_urls_are_errors(store: ArticleStore) -> None:
    with pytest.raises(FeedNotFoundError, match="nope"):
        store.record_feed_poll("https://nope.example/", polled_at=T0, error=None)
    with pytest.raises(StoreError, match="empty"):
        store.add_feed("  ")
