"""Polling feeds over real HTTP, with conditional GET."""

from __future__ import annotations

import pytest

from support.feed_samples import RSS2
from support.local_http_server import LocalServer, Reply
from worldbrief.config import Settings
from worldbrief.ingest import FetchError, SafeFetcher, poll_feed


def test_poll_then_not_modified(server: LocalServer, local_settings: Settings) -> None:
    url = server.reply(
        "/feed.xml",
        Reply(
            RSS2,
            content_type="application/rss+xml",
            etag='"feed-1"',
            headers={"Last-Modified": "Tue, 05 Mar 2024 10:00:00 GMT"},
        ),
    )
    fetcher = SafeFetcher(local_settings)
    first = poll_feed(fetcher, url, None, None)
    assert not first.not_modified and first.parsed is not None
    assert first.parsed.title == "Steppe News"
    assert first.parsed.entries[0].location == f"{url}[0]"
    assert (first.etag, first.last_modified) == ('"feed-1"', "Tue, 05 Mar 2024 10:00:00 GMT")

    second = poll_feed(fetcher, url, first.etag, first.last_modified)
    assert second.not_modified and second.parsed is None
    assert (second.etag, second.last_modified) == ('"feed-1"', "Tue, 05 Mar 2024 10:00:00 GMT")
    assert server.requests[-1].headers["If-None-Match"] == '"feed-1"'


def test_a_page_served_as_html_is_not_polled_as_a_feed(
    server: LocalServer, local_settings: Settings
) -> None:
    url = server.reply("/page", Reply(b"<html><body>hi</body></html>"))
    with pytest.raises(FetchError, match="text/html is not accepted"):
        poll_feed(SafeFetcher(local_settings), url, None, None)
