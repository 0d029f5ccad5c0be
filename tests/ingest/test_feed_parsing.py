"""RSS 0.91, 1.0, 2.0 and Atom feeds to documents; malformed feeds and bad entries."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from support.feed_samples import ATOM, FEED_URL, RSS091, RSS1, RSS2
from worldbrief.domain import Author, BodyFormat, RawDocument, RejectedRecord
from worldbrief.ingest import FeedError, ParsedFeed, parse_feed


def documents(feed: ParsedFeed) -> list[RawDocument]:
    return [e for e in feed.entries if isinstance(e, RawDocument)]


def test_rss2_entry_fields_and_bad_entries() -> None:
    feed = parse_feed(RSS2, FEED_URL)
    assert feed.title == "Steppe News"
    first, *rest = feed.entries
    assert isinstance(first, RawDocument)
    assert first.title == "Grain & rail"
    assert first.body == "Kazakhstan exported more grain.\n\nRail links to China open."
    assert first.body_format is BodyFormat.TEXT
    assert first.teaser == "Exports rise."
    assert first.url == "https://news.example.org/grain"
    assert first.external_id == "steppe-101"
    assert first.published_at == datetime(2024, 3, 5, 8, 0, tzinfo=UTC)
    assert first.authors == (Author("Aigerim Sadykova"),)
    assert first.media_url == "https://news.example.org/grain.mp3"
    assert (first.feed_url, first.source_name, first.language) == (FEED_URL, "Steppe News", "en")
    assert first.metadata == {"tags": ["Trade", "Kazakhstan"]}
    assert first.location == f"{FEED_URL}[0]"
    reasons = [entry.reason for entry in rest if isinstance(entry, RejectedRecord)]
    assert len(reasons) == len(rest) == 3
    assert "no title" in reasons[0]
    assert "unreadable published date 'sometime soon'" in reasons[1]
    assert "no content or summary" in reasons[2]
    assert [entry.location for entry in rest] == [f"{FEED_URL}[{i}]" for i in (1, 2, 3)]


def test_atom_entries() -> None:
    feed = parse_feed(ATOM, FEED_URL)
    assert feed.title == "Dépêches"
    signed, updated_only = documents(feed)
    assert signed.title == "Accord signé"
    assert signed.body == "Les deux pays ont signé un accord à Genève."
    assert signed.teaser == "Un accord est signé."
    assert signed.published_at == datetime(2024, 3, 5, 8, 0, tzinfo=UTC)
    assert signed.updated_at == datetime(2024, 3, 6, 8, 0, tzinfo=UTC)
    assert signed.authors == (Author("Claire Martin"),)
    assert signed.url == "https://depeches.example.org/accord"
    assert signed.external_id == "urn:entry:1"
    assert signed.language == "fr"
    assert updated_only.body == "Texte brut."
    assert updated_only.published_at == datetime(2024, 3, 7, 12, 0, tzinfo=UTC)


def test_rss1_and_rss091() -> None:
    (rdf,) = documents(parse_feed(RSS1, FEED_URL))
    assert (rdf.title, rdf.body, rdf.authors) == (
        "Talks in Baku",
        "Delegations met in Baku.",
        (Author("Rashad Aliyev"),),
    )
    assert rdf.published_at == datetime(2024, 2, 1, 12, 0, tzinfo=UTC)
    old = parse_feed(RSS091, FEED_URL)
    (port,) = documents(old)
    assert (old.title, port.title, port.url) == (
        "Old wire",
        "Port reopens",
        "https://old.example.org/port",
    )


def test_malformed_feed_raises_with_parser_reason() -> None:
    with pytest.raises(FeedError, match="malformed") as caught:
        parse_feed(b"<rss><channel><<<< not xml", FEED_URL)
    assert caught.value.source == FEED_URL


def test_html_page_is_not_a_feed() -> None:
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        parse_feed(b"<html><body><p>Welcome</p></body></html>", FEED_URL)


def test_feed_data_is_never_taken_for_a_file_name(tmp_path: object) -> None:
    with pytest.raises(FeedError):
        parse_feed(b"/etc/hostname", FEED_URL)
