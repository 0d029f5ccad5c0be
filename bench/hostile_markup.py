"""Time to read hostile markup at the ingest edge, by input size: it should grow in proportion.

    .venv/bin/python bench/hostile_markup.py [--sizes 100000,400000,1600000]

Each pattern is read as a feed entry (feedparser, then ``html_to_text``) and as an entry's HTML
alone; doubling the size should about double the time. Unclosed comments and deep nesting are
the shapes that took time in the square of the input before. Last, page text extraction
(trafilatura) by element count, which grows faster than the page: the reason for
``MAX_PAGE_ELEMENTS``.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from functools import partial
from xml.sax.saxutils import escape

from worldbrief.ingest.feeds import parse_feed
from worldbrief.ingest.html_extract import extract_page
from worldbrief.ingest.html_text import html_to_text

PATTERNS = {
    "unclosed comments": "<!--",
    "nested divs": "<div>",
    "open tags": "<a ",
    "stray <": "<",
    "paragraphs": "<p>word</p>",
}


def feed_with(description: str) -> bytes:
    item = f"<item><title>x</title><description>{escape(description)}</description></item>"
    channel = f"<channel><title>t</title>{item}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


def seconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def page_extraction(counts: list[int]) -> None:
    """Text extraction by element count (the cap, MAX_PAGE_ELEMENTS, is checked apart)."""
    print(f"\n{'paragraphs':>10} {'page bytes':>12} {'extract_page s':>15}")
    for count in counts:
        page = f"<html><body><article>{'<p>word word word</p>' * count}</article></body></html>"
        print(f"{count:>10,} {len(page):>12,} {seconds(partial(extract_page, page)):>15.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100000,400000,1600000")
    parser.add_argument("--elements", default="5000,10000,20000,30000,95000")
    arguments = parser.parse_args()
    sizes = [int(s) for s in arguments.sizes.split(",")]
    print(f"{'pattern':<20} {'bytes':>10} {'html_to_text s':>15} {'parse_feed s':>13}")
    for name, unit in PATTERNS.items():
        for size in sizes:
            markup = unit * (size // len(unit))
            as_text = seconds(partial(html_to_text, markup))
            as_feed = seconds(partial(parse_feed, feed_with(markup), "https://bench.example/feed"))
            print(f"{name:<20} {len(markup):>10,} {as_text:>15.3f} {as_feed:>13.3f}")
    page_extraction([int(c) for c in arguments.elements.split(",")])


if __name__ == "__main__":
    main()
