"""Use cases of browsing: the front page, place listings, coverage counts and latest articles.

Every one reads a bounded amount whatever the store holds: listing pages are index ranges
behind a keyset cursor, counts are kept by the store as articles are written, and lists load
headlines (no bodies) unless the caller needs whole articles (feeds, the API).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from worldbrief.domain import ArticleType
from worldbrief.domain.listed_article import ListedArticle
from worldbrief.services.platform import Platform
from worldbrief.store import ArticleHeadline, ListingPage, ListingQuery


@dataclass(frozen=True, slots=True)
class FrontPage:
    """The newest articles, and the newest few of each type that has any."""

    latest: tuple[ArticleHeadline, ...]
    sections: tuple[tuple[ArticleType, tuple[ArticleHeadline, ...]], ...]


@dataclass(frozen=True, slots=True)
class Listing:
    """One page of headlines; ``total`` is every article listed, when the store keeps it."""

    headlines: tuple[ArticleHeadline, ...]
    page: ListingPage
    total: int | None


@dataclass(frozen=True, slots=True)
class Coverage:
    """Articles per focus country code and per region id."""

    countries: dict[str, int]
    regions: dict[str, int]


def front_page(
    platform: Platform, region_id: str | None, latest: int, per_section: int
) -> FrontPage:
    regions = (region_id,) if region_id else ()
    queries = [
        ListingQuery(regions=regions, limit=latest),
        *(ListingQuery(regions=regions, types=(t,), limit=per_section) for t in ArticleType),
    ]
    pages = platform.site_reads.list_pages(queries)
    found = _headlines(platform, [i for page in pages for i in page.ids])
    sections = tuple(
        (article_type, shown)
        for article_type, page in zip(ArticleType, pages[1:], strict=True)
        if (shown := tuple(found[i] for i in page.ids if i in found))
    )
    return FrontPage(tuple(found[i] for i in pages[0].ids if i in found), sections)


def listing(platform: Platform, query: ListingQuery) -> Listing:
    """A page of headlines for ``query``, with the number of articles it lists in all."""
    page = platform.site_reads.list_page(query)
    found = _headlines(platform, page.ids)
    total = platform.site_reads.listing_total(query)
    return Listing(tuple(found[i] for i in page.ids if i in found), page, total)


def latest_articles(
    platform: Platform, query: ListingQuery
) -> tuple[ListingPage, list[ListedArticle]]:
    """A page of articles as the API lists them (no bodies, places or evidence)."""
    page = platform.site_reads.list_page(query)
    return page, platform.site_reads.listed_articles(page.ids)


def listing_total(platform: Platform, query: ListingQuery) -> int | None:
    """How many articles ``query`` lists in all (kept counts; None where none is kept)."""
    return platform.site_reads.listing_total(query)


def coverage(platform: Platform) -> Coverage:
    return Coverage(platform.site_reads.country_counts(), platform.site_reads.region_counts())


def headlines_in_order(platform: Platform, ids: Sequence[str]) -> list[ArticleHeadline]:
    """Headlines of ``ids`` in that order (search hits, connected content); missing ones left
    out."""
    return platform.site_reads.headlines(ids)


def _headlines(platform: Platform, ids: Sequence[str]) -> dict[str, ArticleHeadline]:
    unique = list(dict.fromkeys(ids))
    return {h.id: h for h in platform.site_reads.headlines(unique)}
