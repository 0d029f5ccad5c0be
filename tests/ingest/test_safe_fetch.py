"""Fetching over real HTTP from a local server, and refusing what must not be fetched."""

from __future__ import annotations

import ipaddress

import pytest

from support.local_http_server import LocalServer, Reply
from worldbrief.config import Settings
from worldbrief.ingest import FetchError, SafeFetcher
from worldbrief.ingest.safe_fetch import USER_AGENT

PAGE = b"<html><body><p>Hello from the steppe.</p></body></html>"


def fetch_error(fetcher: SafeFetcher, url: str, **options: object) -> str:
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(url, **options)  # type: ignore[arg-type]
    assert caught.value.source == url
    return caught.value.reason


def test_fetches_a_page_with_its_metadata(server: LocalServer, local_settings: Settings) -> None:
    url = server.reply(
        "/page",
        Reply(PAGE, content_type="text/html; charset=ISO-8859-1", headers={"Last-Modified": "x"}),
    )
    result = SafeFetcher(local_settings).fetch(url)
    assert (result.status, result.body, result.final_url) == (200, PAGE, url)
    assert (result.content_type, result.charset) == ("text/html", "ISO-8859-1")
    assert result.last_modified == "x" and not result.not_modified
    assert server.requests[0].headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("worldbrief/")


def test_private_addresses_refused_by_default_without_connecting(server: LocalServer) -> None:
    server.reply("/page", Reply(PAGE))
    fetcher = SafeFetcher(Settings())
    port = server.port
    cases = {
        server.url("/page"): "loopback",
        f"http://localhost:{port}/page": "loopback",
        f"http://2130706433:{port}/page": "loopback",
        f"http://0x7f.1:{port}/page": "loopback",
        f"http://[::ffff:127.0.0.1]:{port}/page": "loopback",
        f"http://[::1]:{port}/page": "loopback",
        "http://169.254.169.254/latest/meta-data/": "link-local",
        "http://10.0.0.1/": "private",
        "http://0.0.0.0/": "unspecified",
    }
    for url, kind in cases.items():
        assert kind in fetch_error(fetcher, url), url
    assert server.requests == []


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.org/x", "gopher://example.org/", "example.org/page"],
)
def test_only_http_and_https_schemes(url: str) -> None:
    assert "only http and https" in fetch_error(SafeFetcher(Settings()), url)


def test_malformed_urls_are_refused() -> None:
    fetcher = SafeFetcher(Settings())
    assert "not a valid URL" in fetch_error(fetcher, "http://0177.0.0.1/")
    assert "no host" in fetch_error(fetcher, "http:///path")


def test_redirects_are_followed(server: LocalServer, local_settings: Settings) -> None:
    start = server.reply("/old", Reply(status=301, headers={"Location": "/middle"}))
    server.reply("/middle", Reply(status=302, headers={"Location": server.url("/new")}))
    final = server.reply("/new", Reply(PAGE))
    result = SafeFetcher(local_settings).fetch(start)
    assert (result.requested_url, result.final_url, result.body) == (start, final, PAGE)


def test_more_than_five_redirects_is_an_error(
    server: LocalServer, local_settings: Settings
) -> None:
    for hop in range(7):
        server.reply(f"/r{hop}", Reply(status=307, headers={"Location": f"/r{hop + 1}"}))
    assert "more than 5 redirects" in fetch_error(SafeFetcher(local_settings), server.url("/r0"))
    assert len(server.requests) == 6


def test_each_redirect_hop_is_checked(server: LocalServer) -> None:
    # The server itself is trusted; where it redirects to must pass the checks on its own.
    fetcher = SafeFetcher(Settings(), trusted_networks=[ipaddress.ip_network("127.0.0.1/32")])
    server.reply("/page", Reply(PAGE))
    assert fetcher.fetch(server.url("/page")).body == PAGE
    targets = {
        "/to-loopback": (f"http://127.0.0.2:{server.port}/page", "loopback"),
        "/to-v6-loopback": (f"http://[::1]:{server.port}/page", "loopback"),
        "/to-metadata": ("http://169.254.169.254/latest/meta-data/", "link-local"),
        "/to-file": ("file:///etc/passwd", "only http and https"),
    }
    for path, (location, kind) in targets.items():
        url = server.reply(path, Reply(status=302, headers={"Location": location}))
        reason = fetch_error(fetcher, url)
        assert reason.startswith("redirect to ") and "refused" in reason, reason
        assert kind in reason, reason


def test_size_cap_with_and_without_content_length(
    server: LocalServer, local_settings: Settings
) -> None:
    big = b"<p>" + b"x" * 200_000 + b"</p>"
    declared = server.reply("/declared", Reply(big))
    streamed = server.reply("/streamed", Reply(big, declare_length=False))
    fetcher = SafeFetcher(local_settings)  # cap of 100,000 bytes
    assert "declared as 200,007 bytes" in fetch_error(fetcher, declared)
    reason = fetch_error(fetcher, streamed)
    assert "too large" in reason and "fetch_max_bytes" in reason


def test_timeout(server: LocalServer) -> None:
    slow = server.reply("/slow", Reply(PAGE, delay_seconds=1.5))
    settings = Settings(fetch_allow_private=True, fetch_timeout_seconds=0.3)
    assert "timed out after 0.3 seconds" in fetch_error(SafeFetcher(settings), slow)


def test_content_types_outside_accept_are_refused(
    server: LocalServer, local_settings: Settings
) -> None:
    fetcher = SafeFetcher(local_settings)
    image = server.reply("/image", Reply(b"GIF89a", content_type="image/gif"))
    bare = server.reply("/bare", Reply(PAGE, content_type=None))
    assert "content type image/gif is not accepted" in fetch_error(fetcher, image)
    assert "(none given)" in fetch_error(fetcher, bare)
    assert fetcher.fetch(image, accept=("image/*",)).body == b"GIF89a"
    assert fetcher.fetch(bare, accept=()).body == PAGE


def test_http_errors_show_the_status(server: LocalServer, local_settings: Settings) -> None:
    gone = server.reply("/gone", Reply(b"gone", status=410))
    fetcher = SafeFetcher(local_settings)
    assert "HTTP 410 Gone" in fetch_error(fetcher, gone)
    assert "HTTP 404" in fetch_error(fetcher, server.url("/missing"))


def test_conditional_get_gives_not_modified(server: LocalServer, local_settings: Settings) -> None:
    url = server.reply("/cached", Reply(PAGE, etag='"v1"'))
    fetcher = SafeFetcher(local_settings)
    first = fetcher.fetch(url)
    assert (first.etag, first.not_modified, first.body) == ('"v1"', False, PAGE)
    again = fetcher.fetch(url, etag=first.etag, last_modified="Tue, 05 Mar 2024 10:00:00 GMT")
    assert (again.status, again.not_modified, again.body, again.etag) == (304, True, b"", '"v1"')
    sent = server.requests[-1].headers
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == "Tue, 05 Mar 2024 10:00:00 GMT"
