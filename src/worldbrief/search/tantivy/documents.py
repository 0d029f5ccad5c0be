"""An article as an index document: the text to search and the keywords to filter and count."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

import tantivy

from worldbrief.domain import Article
from worldbrief.search import values
from worldbrief.search.tantivy import schema as fields


def body_text(article: Article) -> str:
    """``plain_text`` without the leading title, which is indexed in its own field."""
    text = article.plain_text
    if article.title and text.startswith(article.title):
        text = text[len(article.title) :]
    return text.strip()


def published_utc(article: Article) -> datetime:
    moment = article.published_at
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def article_document(article: Article) -> tantivy.Document:
    """Raises ValueError saying which value cannot be indexed (the caller names the article)."""
    if not article.id:
        raise ValueError("the article has no id")
    published = published_utc(article)
    doc = tantivy.Document()
    doc.add_text(fields.ID, article.id)
    doc.add_text(fields.TITLE, article.title)
    doc.add_text(fields.TEASER, article.teaser)
    doc.add_text(fields.BODY_FIELDS[article.access], body_text(article))
    doc.add_date(fields.PUBLISHED_AT, published)
    doc.add_integer(fields.YEAR, published.year)
    doc.add_text(fields.TYPE, article.type.value)
    doc.add_text(fields.ACCESS, article.access.value)
    for code in _unique(values.country_code(c.code) for c in article.enrichment.focus_countries):
        doc.add_text(fields.COUNTRY, code)
    for region in _unique(values.region_id(r.id) for r in article.enrichment.regions):
        doc.add_text(fields.REGION, region)
    names = _unique(" ".join(a.name.split()) for a in article.authors if a.name.strip())
    for name in names:
        doc.add_text(fields.AUTHOR, name)
        doc.add_text(fields.AUTHOR_KEY, values.author_key(name))
    return doc


def _unique(items: Iterable[str]) -> list[str]:
    """In first-seen order: the first focus country or author is the main one."""
    return list(dict.fromkeys(items))
