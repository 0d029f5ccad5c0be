"""Use case: search, with every snippet passed through the paywall."""

from __future__ import annotations

import dataclasses

from worldbrief.domain import AccessLevel
from worldbrief.membership.entitlements import Surface, entitlement
from worldbrief.membership.roles import Viewer
from worldbrief.search.query import SearchHit, SearchQuery, SearchResult
from worldbrief.services.platform import Platform

MAX_PER_PAGE = 100


def search_articles(platform: Platform, query: SearchQuery, viewer: Viewer) -> SearchResult:
    """Raises QuerySyntaxError (with a readable message) when the query text cannot be parsed."""
    query = dataclasses.replace(
        query, page=max(1, query.page), per_page=min(max(1, query.per_page), MAX_PER_PAGE)
    )
    result = platform.index.search(query)
    hits = tuple(_entitled_hit(hit, viewer) for hit in result.hits)
    return dataclasses.replace(result, hits=hits, query=query)


def _entitled_hit(hit: SearchHit, viewer: Viewer) -> SearchHit:
    if entitlement(viewer, AccessLevel(hit.access), Surface.SEARCH).full_text:
        return hit
    # A locked article's snippet may quote its teaser, never its body.
    return dataclasses.replace(hit, snippet_html=hit.teaser_snippet_html)
