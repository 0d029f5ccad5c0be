"""The main text and metadata of an HTML page, found with trafilatura.

Bodies are kept as plain text (paragraphs separated by blank lines), not HTML: the page's markup is
untrusted and its boilerplate gone, and plain text is what enrichment offsets point into.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from worldbrief.ingest.bylines import byline_names

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_AUTHOR_SEPARATORS = re.compile(r"\s*;\s*")
_HEAD_BYTES = 4096
MAX_PAGE_ELEMENTS = 30_000  # a long news page has a few thousand
_PARSER = lxml_html.HTMLParser(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    text: str
    title: str | None
    authors: tuple[str, ...]
    date: str | None  # as the page gave it, usually YYYY-MM-DD
    url: str | None  # the canonical URL when the page declares one
    sitename: str | None
    description: str | None
    language: str | None


def declared_charset(head: bytes) -> str | None:
    """The ``<meta charset>`` (or http-equiv Content-Type charset) near the top of a page."""
    match = _META_CHARSET.search(head[:_HEAD_BYTES])
    return match.group(1).decode("ascii") if match else None


def element_count_problem(html: str) -> str | None:
    """Why the page has too many elements to extract its text in reasonable time, or None.

    Extraction time grows faster than the page: about 1.5 s for 20,000 elements, 4.4 s for
    30,000 and 50 s for 95,000 (bench/hostile_markup.py), so a page is held to a count.
    """
    try:
        root = lxml_html.document_fromstring(html.encode("utf-8", "replace"), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None  # nothing to count; extraction will find no text either
    count = sum(1 for _ in root.iter())
    if count <= MAX_PAGE_ELEMENTS:
        return None
    return (
        f"the page has {count:,} HTML elements, more than the {MAX_PAGE_ELEMENTS:,} whose text "
        "can be extracted in reasonable time"
    )


def extract_page(html: str, url: str | None = None) -> ExtractedPage | None:
    """The page's article, or None when trafilatura finds no main text."""
    try:
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception:  # untrusted markup: any parser failure means there is no article
        return None
    if document is None:
        return None
    found = document if isinstance(document, dict) else document.as_dict()
    title = _clean(found.get("title"))
    text = _paragraphs(_clean(found.get("text")) or "", title)
    if not text:
        return None
    return ExtractedPage(
        text=text,
        title=title,
        authors=byline_names(_AUTHOR_SEPARATORS.split(_clean(found.get("author")) or "")),
        date=_clean(found.get("date")),
        url=_clean(found.get("url")),
        sitename=_clean(found.get("sitename")),
        description=_clean(found.get("description")),
        language=_clean(found.get("language")),
    )


def _paragraphs(text: str, title: str | None) -> str:
    """One paragraph per line becomes blank-line separated; a leading copy of the title goes."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and title and lines[0] == title:
        lines = lines[1:]
    return "\n\n".join(lines)


def _clean(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()
