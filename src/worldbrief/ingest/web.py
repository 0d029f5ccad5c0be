"""A fetched web page to a raw document: its main text and metadata, found with trafilatura."""

from __future__ import annotations

from worldbrief.domain import RawDocument
from worldbrief.ingest.decoding import BinaryContentError, decode_bytes
from worldbrief.ingest.errors import IngestError
from worldbrief.ingest.html_extract import declared_charset, element_count_problem, extract_page
from worldbrief.ingest.html_file import document_from_extracted
from worldbrief.ingest.limits import ReadLimits
from worldbrief.ingest.naming import title_from_text
from worldbrief.ingest.safe_fetch import FetchResult


class ExtractionError(IngestError):
    """A fetched page has no article text that could be extracted."""


def document_from_page(result: FetchResult, limits: ReadLimits | None = None) -> RawDocument:
    """The article on the page; raises ``ExtractionError`` when there is no article text or the
    page is over ``max_document_bytes``.

    The charset comes from the Content-Type header, else the page's ``<meta charset>``, else
    UTF-8, else the legacy charset the bytes look like (noted in ``metadata["encoding"]``).
    """
    if result.not_modified or not result.body:
        raise ExtractionError(result.final_url, "the response has no body to extract from")
    problem = (limits or ReadLimits()).document_problem(len(result.body), "the page")
    if problem:
        raise ExtractionError(result.final_url, problem)
    try:
        decoded = decode_bytes(result.body, result.charset or declared_charset(result.body))
    except BinaryContentError as error:
        raise ExtractionError(result.final_url, f"the page {error}") from None
    if problem := element_count_problem(decoded.text):
        raise ExtractionError(result.final_url, problem)
    page = extract_page(decoded.text, url=result.final_url)
    if page is None:
        raise ExtractionError(result.final_url, "no article text found on the page")
    notes = {"encoding": decoded.encoding} if decoded.is_fallback else {}
    return document_from_extracted(
        page,
        result.final_url,
        page.title or title_from_text(page.text),
        url=result.final_url,
        **notes,
    )
