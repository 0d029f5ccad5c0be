"""Use case: read one article, as the paywall allows, with its connected content."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TypedDict

from worldbrief.domain import Article, Author, Source
from worldbrief.domain.listed_article import ListedArticle
from worldbrief.membership.entitlements import Entitlement, Surface, entitlement
from worldbrief.membership.roles import Viewer
from worldbrief.services.connected import connected_content
from worldbrief.services.kept_articles import kept_articles_of, kept_or_read
from worldbrief.services.platform import Platform
from worldbrief.store import ArticleHeadline
from worldbrief.text.characters import clean_text
from worldbrief.text.urls import safe_http_url

CONNECTED = 5
DUPLICATES_SHOWN = 10


@dataclass(frozen=True, slots=True)
class ArticleReading:
    article: Article
    entitlement: Entitlement
    body_html: str  # empty when the viewer may not read the body
    # Only on the page (other surfaces have no use for them): headlines, a bounded number.
    connected: tuple[ArticleHeadline, ...]
    duplicates: tuple[ArticleHeadline, ...]


def read_article(
    platform: Platform,
    article_id: str,
    viewer: Viewer,
    surface: Surface = Surface.PAGE,
    *,
    metered_reads_left: int = 0,
) -> ArticleReading | None:
    """``metered_reads_left``: what the viewer's monthly allowance still opens (see
    services.metering); the caller records the read when the entitlement says ``metered``.
    The article and its rendered body are kept per version (``services.kept_articles``)."""
    kept = kept_articles_of(platform.site_reads.lagging)
    found = kept_or_read(platform.site_reads, article_id, kept)
    if found is None:
        return None
    article, seq = found
    allowed = entitlement(viewer, article.access, surface, metered_reads_left=metered_reads_left)
    body_html = kept.body_html(seq, article) if allowed.full_text else ""
    on_page = surface is Surface.PAGE
    return ArticleReading(
        article=article,
        entitlement=allowed,
        body_html=body_html,
        connected=tuple(related_to(platform, article)) if on_page else (),
        duplicates=tuple(platform.site_reads.duplicate_headlines(article.id, DUPLICATES_SHOWN))
        if on_page
        else (),
    )


def servable(article: Article) -> Article:
    """``article`` as the site may hand it out, whatever was stored before the ingest rules:
    source, feed and media URLs only when absolute http(s), display text that XML can carry.

    ``body`` and ``plain_text`` stay as stored, since evidence offsets point into them;
    every serialisation of those cleans them itself.
    """
    return dataclasses.replace(
        article, **_clean_head(article), media_url=safe_http_url(article.media_url)
    )


def servable_listed(article: ListedArticle) -> ListedArticle:
    """``servable`` for an article as a list reads it: the same cleaning of the same fields."""
    return dataclasses.replace(article, **_clean_head(article))


class _CleanHead(TypedDict):
    title: str
    teaser: str
    authors: tuple[Author, ...]
    source: Source


def _clean_head(article: Article | ListedArticle) -> _CleanHead:
    """The display fields a whole article and a listed one share, cleaned for serving."""
    source = article.source
    return _CleanHead(
        title=clean_text(article.title),
        teaser=clean_text(article.teaser),
        authors=tuple(
            Author(clean_text(a.name), clean_text(a.role) if a.role else a.role)
            for a in article.authors
        ),
        source=Source(
            name=clean_text(source.name) if source.name else source.name,
            url=safe_http_url(source.url),
            feed_url=safe_http_url(source.feed_url),
        ),
    )


def related_to(
    platform: Platform, article: Article, limit: int = CONNECTED
) -> list[ArticleHeadline]:
    """The article page's connected content (``services.connected``)."""
    return connected_content(platform, article, limit)
