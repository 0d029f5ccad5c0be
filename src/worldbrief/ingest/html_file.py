"""HTML files: the article text and metadata a page carries, as a plain-text document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from worldbrief.domain import Author, BodyFormat, RawDocument
from worldbrief.ingest.dates import parse_timestamp
from worldbrief.ingest.fields import RecordError
from worldbrief.ingest.html_extract import ExtractedPage, element_count_problem, extract_page
from worldbrief.ingest.naming import title_from_file_name
from worldbrief.text.markup import first_sentences
from worldbrief.text.urls import safe_http_url


def read_html(path: Path, text: str, *, location: str, **notes: Any) -> RawDocument:
    """The page's article; raises ``RecordError`` when the page is too large to extract or no
    article text is found."""
    if problem := element_count_problem(text):
        raise RecordError(problem)
    page = extract_page(text)
    if page is None:
        raise RecordError("no article text found in the HTML page")
    title = page.title or title_from_file_name(path)
    return document_from_extracted(page, location, title, **notes)


def document_from_extracted(
    page: ExtractedPage, location: str, title: str, *, url: str | None = None, **notes: Any
) -> RawDocument:
    """The raw document for an extracted page; a page date that cannot be read or held, or a
    canonical URL that is not http(s), is kept in metadata as text instead. The teaser is the
    first sentences of the page's description (of the body when it has none)."""
    metadata: dict[str, Any] = dict(notes)
    published_at = None
    if page.date:
        try:
            published_at = parse_timestamp(page.date)
        except ValueError:
            metadata["page_date"] = page.date
    canonical = safe_http_url(page.url)
    if page.url and canonical is None:
        metadata["page_url"] = page.url
    return RawDocument(
        location=location,
        title=title,
        body=page.text,
        body_format=BodyFormat.TEXT,
        url=canonical or url,
        teaser=first_sentences(page.description) if page.description else None,
        authors=tuple(Author(name) for name in page.authors),
        published_at=published_at,
        source_name=page.sitename,
        language=page.language,
        metadata=metadata,
    )
