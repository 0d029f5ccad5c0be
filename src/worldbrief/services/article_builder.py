"""From what a source told us (RawDocument) to an Article ready for enrichment.

Every entry path (files, URLs, feeds, the API, the desk) passes here, so this is where the rules
of what may be stored are applied once: text is cleaned of characters no store or feed can carry,
dates must lie in the supported range, links must be http(s), and document and metadata sizes are
capped. The article id is derived from the document's identity (URL, else source + external id,
else where it was read from), so ingesting the same thing twice lands on the same row.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from worldbrief.domain import (
    AccessLevel,
    Article,
    ArticleType,
    Author,
    BodyFormat,
    Enrichment,
    RawDocument,
    Source,
)
from worldbrief.domain.date_range import UnsupportedDateError, supported_utc
from worldbrief.ingest.limits import ReadLimits, url_length_problem
from worldbrief.ingest.metadata import checked_metadata
from worldbrief.text.characters import clean_text
from worldbrief.text.markup import body_to_text, compose_plain_text, first_sentences
from worldbrief.text.nesting import MAX_MARKUP_DEPTH, markup_depth
from worldbrief.text.urls import UnsafeUrlError, checked_http_url

_TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid)$", re.I)
_ID_BYTES = 8  # 16 hex characters: collisions are negligible below billions of articles


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, no trailing slash."""
    parts = urlsplit(url.strip())
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING_PARAMS.match(k)
        ]
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def identity_key(raw: RawDocument) -> str:
    if raw.url:
        return "url:" + canonical_url(raw.url)
    if raw.external_id:
        return f"ext:{(raw.source_name or '').strip().lower()}:{raw.external_id}"
    return "loc:" + raw.location


def article_id_for(key: str) -> str:
    # surrogatepass: a file name that is not UTF-8 still names one article.
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=_ID_BYTES).hexdigest()


def content_hash(title: str, body_text: str) -> str:
    normalised = " ".join(f"{title}\n{body_text}".split()).lower()
    return hashlib.sha256(normalised.encode()).hexdigest()


def build_article(
    raw: RawDocument, *, limits: ReadLimits | None = None, now: datetime | None = None
) -> Article:
    """Check and normalise a raw document; raises ValueError naming the field and the problem."""
    limits = limits or ReadLimits()
    raw = _cleaned(raw)
    title = " ".join(raw.title.split())
    if not title:
        raise ValueError("no title")
    size = sum(len(part.encode("utf-8")) for part in (title, raw.body, raw.teaser or ""))
    if problem := limits.document_problem(size):
        raise ValueError(problem)
    _check_markup_depth(raw)
    body_text = body_to_text(raw.body, raw.body_format)
    if not body_text.strip():
        raise ValueError("empty body")
    for name in ("url", "media_url", "feed_url"):
        _check_url(name, getattr(raw, name))
    published = _date("published_at", raw.published_at) or _date("now", now) or datetime.now(UTC)
    metadata = checked_metadata(
        raw.metadata, max_bytes=limits.max_metadata_bytes, max_depth=limits.max_metadata_depth
    )
    return Article(
        id=article_id_for(identity_key(raw)),
        type=raw.type or ArticleType.NEWS,
        title=title,
        body=raw.body,
        body_format=raw.body_format,
        plain_text=compose_plain_text(title, body_text),
        published_at=published,
        teaser=(raw.teaser or "").strip() or first_sentences(body_text),
        updated_at=_date("updated_at", raw.updated_at),
        authors=raw.authors,
        source=Source(name=raw.source_name, url=raw.url, feed_url=raw.feed_url),
        access=raw.access or AccessLevel.FREE,
        media_url=raw.media_url,
        content_hash=content_hash(title, body_text),
        metadata=metadata,
        enrichment=Enrichment(language=raw.language),
    )


def _cleaned(raw: RawDocument) -> RawDocument:
    """``raw`` without the characters XML 1.0 forbids (NUL, other controls, lone surrogates) in
    its text: PostgreSQL refuses NUL, and feeds and pages could not carry the rest. URLs are
    not cleaned but checked: one with control characters is refused."""
    authors = tuple(
        Author(clean_text(a.name).strip(), clean_text(a.role).strip() or None if a.role else None)
        for a in raw.authors
    )
    return dataclasses.replace(
        raw,
        title=clean_text(raw.title),
        body=clean_text(raw.body),
        external_id=_clean_optional(raw.external_id),
        teaser=_clean_optional(raw.teaser),
        authors=tuple(a for a in authors if a.name),
        source_name=_clean_optional(raw.source_name),
        language=_clean_optional(raw.language),
    )


def _clean_optional(value: str | None) -> str | None:
    return clean_text(value).strip() or None if value else None


def _check_markup_depth(raw: RawDocument) -> None:
    if raw.body_format is BodyFormat.TEXT or "<" not in raw.body:
        return
    if markup_depth(raw.body) > MAX_MARKUP_DEPTH:
        raise ValueError(
            f"the body's HTML nests elements more than {MAX_MARKUP_DEPTH} deep, "
            "which no article needs and which would take minutes to render"
        )


def _check_url(name: str, value: str | None) -> None:
    if value is None:
        return
    try:
        checked_http_url(value)
    except UnsafeUrlError as error:
        raise ValueError(f"field {name!r}: {error}") from None
    if problem := url_length_problem(value):
        raise ValueError(f"field {name!r}: {problem}")


def _date(name: str, value: datetime | None) -> datetime | None:
    if value is None:
        return None
    try:
        return supported_utc(value)
    except UnsupportedDateError as error:
        raise ValueError(f"field {name!r}: {error}") from None
