"""Atom feeds: latest, per region, per country and per search. Bodies pass the paywall."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request, Response

from worldbrief.domain import Article
from worldbrief.membership.entitlements import Surface, entitlement
from worldbrief.membership.roles import Viewer
from worldbrief.search.query import QuerySyntaxError
from worldbrief.services.platform import Platform
from worldbrief.services.search import search_articles
from worldbrief.store import ArticleFilter
from worldbrief.text.markup import body_to_html
from worldbrief.web.atom import ATOM_MEDIA_TYPE, FeedEntry, atom_feed
from worldbrief.web.deps import PlatformDep, ViewerDep
from worldbrief.web.search_params import SearchParamError, SearchParamsDep

router = APIRouter(prefix="/feeds", tags=["feeds"])
FEED_SIZE = 30


@router.get("/latest.atom", summary="Latest articles (Atom)")
def latest(platform: PlatformDep, viewer: ViewerDep) -> Response:
    _, articles = platform.store.list_articles(ArticleFilter(limit=FEED_SIZE))
    return _feed(platform, viewer, "Latest", "/feeds/latest.atom", "/", articles)


@router.get("/regions/{region_id}.atom", summary="Latest articles of a region (Atom)")
def region(region_id: str, platform: PlatformDep, viewer: ViewerDep) -> Response:
    found = platform.taxonomy.find_region(region_id)
    if found is None:
        raise HTTPException(404, f"no region {region_id!r}")
    _, articles = platform.store.list_articles(ArticleFilter(regions=(found.id,), limit=FEED_SIZE))
    return _feed(
        platform,
        viewer,
        found.name,
        f"/feeds/regions/{found.id}.atom",
        f"/regions/{found.id}",
        articles,
    )


@router.get("/countries/{code}.atom", summary="Latest articles of a country (Atom)")
def country(code: str, platform: PlatformDep, viewer: ViewerDep) -> Response:
    found = platform.taxonomy.find_country(code.upper())
    if found is None:
        raise HTTPException(404, f"no country with ISO code {code!r}")
    _, articles = platform.store.list_articles(
        ArticleFilter(countries=(found.code,), limit=FEED_SIZE)
    )
    path = f"/countries/{found.code.lower()}"
    return _feed(platform, viewer, found.name, f"/feeds{path}.atom", path, articles)


@router.get("/search.atom", summary="Articles matching a search, newest first (Atom)")
def search(
    request: Request, platform: PlatformDep, viewer: ViewerDep, params: SearchParamsDep
) -> Response:
    params = dataclasses.replace(params, sort="newest", page=1, per_page=FEED_SIZE)
    q = params.q
    try:
        result = search_articles(platform, params.to_query(), viewer)
    except (QuerySyntaxError, SearchParamError) as error:
        raise HTTPException(400, str(error)) from None
    articles = platform.store.get_many([h.article_id for h in result.hits])
    query_string = urlencode(list(request.query_params.multi_items()))
    title = f"Search: {q}" if q else "Search"
    return _feed(
        platform,
        viewer,
        title,
        f"/feeds/search.atom?{query_string}",
        f"/search?{query_string}",
        articles,
    )


def _feed(
    platform: Platform,
    viewer: Viewer,
    title: str,
    feed_path: str,
    page_path: str,
    articles: Sequence[Article],
) -> Response:
    entries = []
    for article in articles:
        allowed = entitlement(viewer, article.access, Surface.FEED).full_text
        html = body_to_html(article.body, article.body_format) if allowed else None
        entries.append(FeedEntry(article=article, content_html=html))
    body = atom_feed(
        title=f"{platform.settings.site_name}: {title}",
        feed_path=feed_path,
        page_path=page_path,
        base_url=platform.settings.base_url,
        entries=entries,
    )
    return Response(content=body, media_type=ATOM_MEDIA_TYPE)
