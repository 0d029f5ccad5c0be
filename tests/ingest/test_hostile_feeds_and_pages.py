"""Hostile feed entries, pages and redirects: each is refused with a reason, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.feed_samples import FEED_URL
from support.local_http_server import LocalServer, Reply
from worldbrief.config import Settings
from worldbrief.domain import RawDocument, RejectedRecord
from worldbrief.ingest import (
    ExtractionError,
    FetchError,
    FetchResult,
    SafeFetcher,
    parse_feed,
    read_path,
)
from worldbrief.ingest.limits import ReadLimits
from worldbrief.ingest.web import document_from_page

LONG_LABEL_HOST = "a" * 64 + ".example"
GOOD_ITEM = (
    "<item><title>Grain</title><link>https://news.example.org/grain</link>"
    "<description>Kazakhstan exported more grain.</description></item>"
)


def rss(*items: str) -> bytes:
    channel = "<channel><title>Wire</title><link>https://news.example.org/</link>"
    body = f'<rss version="2.0">{channel}{"".join(items)}</channel></rss>'
    return f'<?xml version="1.0"?>{body}'.encode()


def outcome(entries: list[RawDocument | RejectedRecord]) -> list[str]:
    return ["ok" if isinstance(e, RawDocument) else e.reason for e in entries]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("<pubDate>Sat, 01 Jan 1500 00:00:00 GMT</pubDate>", "outside the supported range"),
        ("<pubDate>Fri, 31 Dec 9999 23:00:00 -0500</pubDate>", "unreadable published date"),
        ("<link>javascript:alert(1)</link>", "link"),
        (f"<link>https://{LONG_LABEL_HOST}/a</link>", "not a valid domain name"),
        (
            '<enclosure url="javascript:alert(1)" type="audio/mpeg" length="1"/>',
            "enclosure URL",
        ),
    ],
)
def test_a_bad_entry_is_rejected_and_the_others_read(item: str, expected: str) -> None:
    bad = f"<item><title>Bad</title><description>Text.</description>{item}</item>"
    feed = parse_feed(rss(bad, GOOD_ITEM), FEED_URL)
    reasons = outcome(feed.entries)
    assert reasons[1] == "ok"
    assert expected in reasons[0]
    assert isinstance(feed.entries[0], RejectedRecord)
    assert feed.entries[0].location == f"{FEED_URL}[0]"


def test_an_entry_over_the_document_cap_is_rejected() -> None:
    big = f"<item><title>Big</title><description>{'word ' * 3000}</description></item>"
    feed = parse_feed(rss(big, GOOD_ITEM), FEED_URL, ReadLimits(max_document_bytes=10_000))
    reasons = outcome(feed.entries)
    assert "max_document_bytes" in reasons[0] and reasons[1] == "ok"


def test_xml_entity_expansion_is_not_carried_out() -> None:
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    bomb = rss("<item><title>Laughs</title><description>&a9;</description></item>").replace(
        b"<rss", f"<!DOCTYPE rss [{entities}]><rss".encode(), 1
    )
    feed = parse_feed(bomb, FEED_URL)
    assert all(len(getattr(e, "body", "")) < 1000 for e in feed.entries)


def test_a_page_over_the_document_cap_is_refused() -> None:
    html = f"<html><body><article><p>{'word ' * 3000}</p></article></body></html>".encode()
    result = FetchResult(
        "https://news.example.org/a", "https://news.example.org/a", 200, "text/html", None,
        html, None, None,
    )  # fmt: skip
    with pytest.raises(ExtractionError, match="max_document_bytes"):
        document_from_page(result, ReadLimits(max_document_bytes=10_000))


def test_a_host_no_resolver_accepts_is_refused(local_settings: Settings) -> None:
    with pytest.raises(FetchError, match="not a valid domain name"):
        SafeFetcher(local_settings).fetch(f"http://{LONG_LABEL_HOST}/page")


def test_a_redirect_to_a_host_no_resolver_accepts_is_refused(
    server: LocalServer, local_settings: Settings
) -> None:
    target = f"http://{LONG_LABEL_HOST}/page"
    url = server.reply("/go", Reply(status=302, headers={"Location": target}))
    with pytest.raises(FetchError, match=r"redirect to .* refused: .*not a valid domain name"):
        SafeFetcher(local_settings).fetch(url)


BIG_PAGE = "<html><body><article>" + "<p>word word word</p>" * 40_000 + "</article></body></html>"


def test_a_page_with_too_many_elements_is_refused_before_extraction() -> None:
    """Text extraction took 8 s for these 40,000 paragraphs, and 50 s for 95,000."""
    result = FetchResult(
        "https://news.example.org/a", "https://news.example.org/a", 200, "text/html", None,
        BIG_PAGE.encode(), None, None,
    )  # fmt: skip
    with pytest.raises(ExtractionError, match="40,003 HTML elements, more than the 30,000"):
        document_from_page(result)


def test_an_html_file_with_too_many_elements_is_rejected(tmp_path: Path) -> None:
    page = tmp_path / "big.html"
    page.write_text(BIG_PAGE)
    (record,) = read_path(page, ReadLimits())
    assert isinstance(record, RejectedRecord) and "40,003 HTML elements" in record.reason
