"""From what a source told us (RawDocument) to an Article ready for enrichment.

The article id is derived from the document's identity (URL, else source + external id, else
where it was read from), so ingesting the same thing twice lands on the same row.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from worldbrief.domain import (
    AccessLevel,
    Article,
    ArticleType,
    Enrichment,
    RawDocument,
    Source,
)
from worldbrief.text.markup import body_to_text, compose_plain_text, first_sentences

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
    return hashlib.blake2b(key.encode(), digest_size=_ID_BYTES).hexdigest()


def content_hash(title: str, body_text: str) -> str:
    normalised = " ".join(f"{title}\n{body_text}".split()).lower()
    return hashlib.sha256(normalised.encode()).hexdigest()


def build_article(raw: RawDocument, *, now: datetime | None = None) -> Article:
    """Normalise a raw document; raises ValueError naming the problem if it has no usable text."""
    title = " ".join(raw.title.split())
    if not title:
        raise ValueError("no title")
    body_text = body_to_text(raw.body, raw.body_format)
    if not body_text.strip():
        raise ValueError("empty body")
    published = _utc(raw.published_at) or _utc(now) or datetime.now(UTC)
    metadata = dict(raw.metadata)
    return Article(
        id=article_id_for(identity_key(raw)),
        type=raw.type or ArticleType.NEWS,
        title=title,
        body=raw.body,
        body_format=raw.body_format,
        plain_text=compose_plain_text(title, body_text),
        published_at=published,
        teaser=(raw.teaser or "").strip() or first_sentences(body_text),
        updated_at=_utc(raw.updated_at),
        authors=raw.authors,
        source=Source(name=raw.source_name, url=raw.url, feed_url=raw.feed_url),
        access=raw.access or AccessLevel.FREE,
        media_url=raw.media_url,
        content_hash=content_hash(title, body_text),
        metadata=metadata,
        enrichment=Enrichment(language=raw.language),
    )


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)
