"""Use case: search through the paywall, for matching as much as for what hits show.

A viewer's words match titles, teasers, metadata and the bodies the viewer may read: a body
they may not read must not decide whether, or how often, an article matches, or totals and
facet counts would confirm its words.
"""

from __future__ import annotations

import dataclasses

from worldbrief.domain import AccessLevel, Article
from worldbrief.membership.entitlements import Surface, entitlement, searchable_bodies
from worldbrief.membership.roles import Viewer
from worldbrief.search.query import SearchHit, SearchQuery, SearchResult
from worldbrief.services.platform import Platform
from worldbrief.text.characters import clean_text

MAX_PER_PAGE = 100


def search_articles(platform: Platform, query: SearchQuery, viewer: Viewer) -> SearchResult:
    """Raises QuerySyntaxError (with a readable message) when the query text cannot be parsed."""
    query = dataclasses.replace(
        query,
        page=max(1, query.page),
        per_page=min(max(1, query.per_page), MAX_PER_PAGE),
        searchable_bodies=searchable_bodies(viewer),
    )
    result = platform.index.search(query)
    hits = tuple(_servable(_entitled_hit(hit, viewer)) for hit in result.hits)
    facets = {
        facet: tuple(dataclasses.replace(c, value=clean_text(c.value)) for c in counts)
        for facet, counts in result.facets.items()
    }
    return dataclasses.replace(result, hits=hits, facets=facets, query=query)


def search_for_articles(platform: Platform, query: SearchQuery, viewer: Viewer) -> SearchResult:
    """The search of surfaces that carry the articles of its hits (feeds, exports): they show
    neither snippets nor facets, so the search skips both (the total stays)."""
    whole = dataclasses.replace(query, snippets=False, facets=())
    return search_articles(platform, whole, viewer)


def search_with_articles(
    platform: Platform, query: SearchQuery, viewer: Viewer
) -> tuple[SearchResult, list[Article]]:
    """The search, and the stored articles of its hits in their order, for surfaces that carry
    whole articles (exports); each surface applies the viewer's entitlement to them."""
    result = search_for_articles(platform, query, viewer)
    return result, platform.site_reads.get_many([hit.article_id for hit in result.hits])


def _entitled_hit(hit: SearchHit, viewer: Viewer) -> SearchHit:
    if entitlement(viewer, AccessLevel(hit.access), Surface.SEARCH).full_text:
        return hit
    # A locked article's snippet may quote its teaser, never its body.
    return dataclasses.replace(hit, snippet_html=hit.teaser_snippet_html)


def _servable(hit: SearchHit) -> SearchHit:
    """Text stored before the character rules still serialises (XML, HTML, JSON)."""
    return dataclasses.replace(
        hit,
        title=clean_text(hit.title),
        title_html=clean_text(hit.title_html),
        snippet_html=clean_text(hit.snippet_html),
        teaser_snippet_html=clean_text(hit.teaser_snippet_html),
        authors=tuple(clean_text(name) for name in hit.authors),
    )
