"""Feed HTML to plain text: paragraphs kept, scripts dropped, hostile markup read in one pass."""

from __future__ import annotations

import pytest

from support.feed_samples import FEED_URL
from worldbrief.domain import RawDocument
from worldbrief.ingest import parse_feed
from worldbrief.ingest.html_text import html_to_text


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("<p>One</p><p>Two <b>bold</b></p>", "One\n\nTwo bold"),
        ("Line<br>next<br/>last", "Line\nnext\nlast"),
        ("<pre>a\n  b</pre>after", "a\nb\n\nafter"),
        ("a<!-- hidden -->b<p>x<?pi y?>z</p>", "ab\n\nxz"),
        ("<p>Keep</p><script>track()</script><style>p{}</style>tail", "Keep\n\ntail"),
        ("a<!-- hidden -->b", "ab"),
        ("Tom &amp; Jerry &lt;3 &#8212; ok", "Tom & Jerry <3 — ok"),
        ("plain\ntext  with   spaces", "plain text with spaces"),
        ("<div><div><p>deep</p></div></div>", "deep"),
        ("NUL\x00 and ESC\x1b gone", "NUL and ESC gone"),
        ("<?xml version='1.0' encoding='utf-8'?><p>declared</p>", "declared"),
        ("", ""),
        ("<!-- only a comment -->", ""),
    ],
)
def test_fragments_become_readable_text(fragment: str, text: str) -> None:
    assert html_to_text(fragment) == text


@pytest.mark.parametrize("unit", ["<!--", "<div>", "<a ", "<", "</"])
def test_hostile_markup_in_a_feed_entry_is_read(unit: str) -> None:
    """Shapes that took minutes (time in the square of their size) before: 800 kB of each."""
    hostile = (unit * (800_000 // len(unit))).replace("&", "&amp;").replace("<", "&lt;")
    good = "<item><title>Grain</title><description>Kazakhstan ships grain.</description></item>"
    bad = f"<item><title>Markup</title><description>{hostile}</description></item>"
    channel = f"<channel><title>Wire</title>{bad}{good}</channel>"
    feed = parse_feed(f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode(), FEED_URL)
    assert len(feed.entries) == 2
    assert isinstance(feed.entries[1], RawDocument) and feed.entries[1].title == "Grain"
