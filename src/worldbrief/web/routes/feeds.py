"""Atom feeds: latest, per region, per country and per search. Bodies pass the paywall."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Annotated
from urllib.parse import urlencode

from fastapi import HTTPException, Path, Request, Response

from worldbrief.domain.feed_article import FeedEntry
from worldbrief.domain.listing import ListingQuery
from worldbrief.search.query import QuerySyntaxError
from worldbrief.services.feed_entries import latest_feed_entries, search_feed_entries
from worldbrief.services.platform import Platform
from worldbrief.web.atom import atom_feed
from worldbrief.web.country_path import NO_COUNTRY, CountryCodePath
from worldbrief.web.deps import PlatformDep, ViewerDep
from worldbrief.web.routes.feed_routes import (
    FEED_SIZE,
    atom_response,
    atom_responses,
    feed_country,
    feed_router,
)
from worldbrief.web.search_params import SearchParamError, SearchParamsDep

router = feed_router()


@router.get(
    "/latest.atom",
    summary="Latest articles (Atom)",
    responses=atom_responses("entries"),
)
def latest(platform: PlatformDep, viewer: ViewerDep) -> Response:
    entries = latest_feed_entries(platform, ListingQuery(limit=FEED_SIZE), viewer)
    return _feed(platform, "Latest", "/feeds/latest.atom", "/", entries)


@router.get(
    "/regions/{region_id}.atom",
    summary="Latest articles of a region (Atom)",
    responses=atom_responses("entries", (404, "No region with that id."), 422),
)
def region(
    region_id: Annotated[str, Path(description="A region id such as central-asia.")],
    platform: PlatformDep,
    viewer: ViewerDep,
) -> Response:
    found = platform.taxonomy.find_region(region_id)
    if found is None:
        raise HTTPException(404, "no such region")
    query = ListingQuery(regions=(found.id,), limit=FEED_SIZE)
    entries = latest_feed_entries(platform, query, viewer)
    return _feed(
        platform, found.name, f"/feeds/regions/{found.id}.atom", f"/regions/{found.id}", entries
    )


@router.get(
    "/countries/{code}.atom",
    summary="Latest articles of a country (Atom)",
    responses=atom_responses("entries", NO_COUNTRY, 422),
)
def country(code: CountryCodePath, platform: PlatformDep, viewer: ViewerDep) -> Response:
    found = feed_country(platform, code)
    query = ListingQuery(countries=(found.code,), limit=FEED_SIZE)
    entries = latest_feed_entries(platform, query, viewer)
    path = f"/countries/{found.code.lower()}"
    return _feed(platform, found.name, f"/feeds{path}.atom", path, entries)


@router.get(
    "/search.atom",
    summary="Articles matching a search, newest first (Atom)",
    responses=atom_responses(
        "entries", (400, "Invalid search syntax, or a filter value that is not acceptable."), 422
    ),
)
def search(
    request: Request, platform: PlatformDep, viewer: ViewerDep, params: SearchParamsDep
) -> Response:
    q = params.q
    try:
        params.to_query()  # the request's own sort and page are checked, though replaced
        feed_params = dataclasses.replace(params, sort="newest", page=1, per_page=FEED_SIZE)
        entries = search_feed_entries(platform, feed_params.to_query(), viewer)
    except (QuerySyntaxError, SearchParamError) as error:
        raise HTTPException(400, str(error)) from None
    query_string = urlencode(list(request.query_params.multi_items()))
    title = f"Search: {q}" if q else "Search"
    return _feed(
        platform, title, f"/feeds/search.atom?{query_string}", f"/search?{query_string}", entries
    )


def _feed(
    platform: Platform, title: str, feed_path: str, page_path: str, entries: Sequence[FeedEntry]
) -> Response:
    body = atom_feed(
        title=f"{platform.settings.site_name}: {title}",
        feed_path=feed_path,
        page_path=page_path,
        base_url=platform.settings.base_url,
        entries=entries,
    )
    return atom_response(body)
