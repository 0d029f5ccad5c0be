"""Use case: the entries of the site's Atom feeds of articles, each through the paywall.

An entry reads only what it shows (``FeedArticle``), and the paywall decides for each one,
from the access of the very row its body was read with, whether the body goes in. A body that
does is rendered once per article version (``rendered_bodies``).
"""

from __future__ import annotations

from collections.abc import Sequence

from worldbrief.domain.feed_article import FeedEntry
from worldbrief.domain.listing import ListingQuery
from worldbrief.membership.entitlements import Surface, entitlement
from worldbrief.membership.roles import Viewer
from worldbrief.search.query import SearchQuery
from worldbrief.services.platform import Platform
from worldbrief.services.rendered_bodies import rendered_bodies_of
from worldbrief.services.search import search_for_articles


def feed_entries(platform: Platform, ids: Sequence[str], viewer: Viewer) -> list[FeedEntry]:
    """Entries of the articles ``ids`` in that order (missing ones left out)."""
    reads = platform.site_reads
    bodies = rendered_bodies_of(reads.lagging)
    entries = []
    for article in reads.feed_articles(ids):
        allowed = entitlement(viewer, article.access, Surface.FEED).full_text
        entries.append(FeedEntry(article, bodies.html(article) if allowed else None))
    return entries


def latest_feed_entries(platform: Platform, query: ListingQuery, viewer: Viewer) -> list[FeedEntry]:
    """Entries of the first page of a listing (latest, a region's, a country's)."""
    return feed_entries(platform, platform.site_reads.list_page(query).ids, viewer)


def search_feed_entries(platform: Platform, query: SearchQuery, viewer: Viewer) -> list[FeedEntry]:
    """Entries of a page of search hits, in the hits' order. Raises ``QuerySyntaxError``."""
    result = search_for_articles(platform, query, viewer)
    return feed_entries(platform, [hit.article_id for hit in result.hits], viewer)
