"""Atom feeds: latest, per region, per country and per search. Bodies pass the paywall."""

from __future__ import annotations

import dataclasses
from typing import Annotated
from urllib.parse import urlencode

from fastapi import HTTPException, Path, Request, Response

from worldbrief.domain.listing import ListingQuery
from worldbrief.membership.roles import Viewer
from worldbrief.search.query import QuerySyntaxError
from worldbrief.services.feed_entries import latest_feed_entries, search_feed_entries
from worldbrief.services.platform import Platform
from worldbrief.web.atom import atom_feed
from worldbrief.web.country_path import NO_COUNTRY
from worldbrief.web.deps import PlatformDep, ViewerDep
from worldbrief.web.routes import feed_routes
from worldbrief.web.search_params import SearchParamError, SearchParamsDep

router = feed_routes.feed_router()


@router.get(
    "/latest.atom",
    summary="Latest articles (Atom)",
    responses=feed_routes.atom_responses("entries"),
)
def latest(platform: PlatformDep, viewer: ViewerDep) -> Response:
    entries = latest_feed_entries(platform, ListingQuery(limit=feed_routes.FEED_SIZE), viewer)
    return feed_routes.feed_response(
        platform, atom_feed, "Latest", "/feeds/latest.atom", "/", entries
    )


@router.get(
    "/regions/{region_id}.atom",
    summary="Latest articles of a region (Atom)",
    responses=feed_routes.atom_responses("entries", (404, "No region with that id."), 422),
)
def region(
    region_id: Annotated[str, Path(description="A region id such as central-asia.")],
    platform: PlatformDep,
    viewer: ViewerDep,
) -> Response:
    found = platform.taxonomy.find_region(region_id)
    if found is None:
        raise HTTPException(404, "no such region")
    query = ListingQuery(regions=(found.id,), limit=feed_routes.FEED_SIZE)
    return _place_feed(platform, viewer, query, found.name, f"/regions/{found.id}")


@router.get(
    "/countries/{code}.atom",
    summary="Latest articles of a country (Atom)",
    responses=feed_routes.atom_responses("entries", NO_COUNTRY, 422),
)
def country(found: feed_routes.FeedCountry, platform: PlatformDep, viewer: ViewerDep) -> Response:
    query = ListingQuery(countries=(found.code,), limit=feed_routes.FEED_SIZE)
    return _place_feed(platform, viewer, query, found.name, f"/countries/{found.code.lower()}")


@router.get(
    "/search.atom",
    summary="Articles matching a search, newest first (Atom)",
    responses=feed_routes.atom_responses(
        "entries", (400, "Invalid search syntax, or a filter value that is not acceptable."), 422
    ),
)
def search(
    request: Request, platform: PlatformDep, viewer: ViewerDep, params: SearchParamsDep
) -> Response:
    q = params.q
    try:
        params.to_query()  # the request's own sort and page are checked, though replaced
        feed_params = dataclasses.replace(
            params, sort="newest", page=1, per_page=feed_routes.FEED_SIZE
        )
        entries = search_feed_entries(platform, feed_params.to_query(), viewer)
    except (QuerySyntaxError, SearchParamError) as error:
        raise HTTPException(400, str(error)) from None
    query_string = urlencode(list(request.query_params.multi_items()))
    title = f"Search: {q}" if q else "Search"
    return feed_routes.feed_response(
        platform,
        atom_feed,
        title,
        f"/feeds/search.atom?{query_string}",
        f"/search?{query_string}",
        entries,
    )


def _place_feed(
    platform: Platform, viewer: Viewer, query: ListingQuery, name: str, page: str
) -> Response:
    """The latest articles of a region's or a country's ``query``: its feed is its page's path
    under ``/feeds``, so the two kinds of place are fed alike."""
    entries = latest_feed_entries(platform, query, viewer)
    return feed_routes.feed_response(platform, atom_feed, name, f"/feeds{page}.atom", page, entries)
