"""The JSON API (documented at /docs and /openapi.json)."""

from __future__ import annotations

import hmac
import uuid
from datetime import UTC, datetime, time
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from worldbrief.domain import AccessLevel, ArticleType, Author, RawDocument
from worldbrief.domain.account import Role
from worldbrief.domain.listing import ListingCursor, ListingQuery
from worldbrief.membership.entitlements import Surface
from worldbrief.membership.tokens import looks_like_token
from worldbrief.search.query import QuerySyntaxError
from worldbrief.search.values import FilterValueError, country_filter
from worldbrief.services.accounts import account_for_token, accounts_of
from worldbrief.services.browse import coverage, latest_articles, listing_total
from worldbrief.services.ingest import ingest_records
from worldbrief.services.platform import Platform
from worldbrief.services.reading import read_article, servable, servable_listed
from worldbrief.services.search import search_articles
from worldbrief.web.api_errors import error_responses
from worldbrief.web.api_models import (
    ArticleCreate,
    ArticleCreated,
    ArticleList,
    ArticlePublic,
    CountryCount,
    CountryPublic,
    FacetValue,
    RegionPublic,
    RegionRef,
    SearchResponse,
    WriteStatus,
    absolute_article_url,
    facet_name,
    hit_of,
    listed_summary_of,
    public_of,
)
from worldbrief.web.country_path import NO_COUNTRY, CountryCodePath
from worldbrief.web.deps import PlatformDep, ViewerDep, invalid_token
from worldbrief.web.json_body import BODY_ERRORS, JsonBodyRoute
from worldbrief.web.query_days import Day
from worldbrief.web.search_params import (
    CountryParam,
    RegionParam,
    SearchParamError,
    SearchParamsDep,
    TypeParam,
)

router = APIRouter(prefix="/api", tags=["api"], route_class=JsonBodyRoute)
MAX_CURSOR_LENGTH = 1024
# Documents the bearer scheme; ``_require_write_token`` decides what a token may do.
_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="apiToken",
    description="An account's API token (`worldbrief tokens create`) or, for writing "
    "articles, the site's `WORLDBRIEF_API_WRITE_TOKEN`.",
)
_UNKNOWN_TOKEN = (
    401,
    "The bearer token is unknown or revoked (without one the call is anonymous).",
)


@router.get(
    "/articles",
    response_model=ArticleList,
    summary="List articles, newest first",
    responses=error_responses(
        (
            400,
            "An unknown article type, more than 50 values of one filter, a cursor this site "
            "did not issue, or `offset` (replaced by `cursor`).",
        ),
        422,
    ),
)
def list_articles(
    *,
    platform: PlatformDep,
    country: CountryParam,
    region: RegionParam,
    type: TypeParam,
    access: Annotated[
        AccessLevel | None, Query(description="free or members; default: both.")
    ] = None,
    date_from: Annotated[
        Day | None, Query(alias="from", description="Published on or after this day (UTC).")
    ] = None,
    date_to: Annotated[
        Day | None, Query(alias="to", description="Published on or before this day (UTC).")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100, description="Articles per answer.")] = 20,
    cursor: Annotated[
        str | None,
        Query(
            max_length=MAX_CURSOR_LENGTH,
            description="`next_cursor` or `prev_cursor` of a previous answer with the same "
            "filters; without it, the newest page.",
        ),
    ] = None,
    offset: Annotated[
        int | None,
        Query(
            ge=0,
            deprecated=True,
            description="Replaced by `cursor`: any value but 0 is a 400.",
        ),
    ] = None,
) -> ArticleList:
    if offset:
        raise HTTPException(400, "offset is no longer supported: page with cursor (next_cursor)")
    try:
        query = ListingQuery(
            countries=tuple(_country(c) for c in country),
            regions=tuple(region),
            types=tuple(_article_type(t) for t in type),
            access=access,
            date_from=datetime.combine(date_from, time.min, tzinfo=UTC) if date_from else None,
            date_to=datetime.combine(date_to, time.max, tzinfo=UTC) if date_to else None,
            limit=limit,
            cursor=ListingCursor.decode(cursor) if cursor else None,
        )
    except ValueError as error:  # CursorError included
        raise HTTPException(400, str(error)) from None
    page, articles = latest_articles(platform, query)
    return ArticleList(
        total=listing_total(platform, query),
        limit=limit,
        next_cursor=page.older.encode() if page.older else None,
        prev_cursor=page.newer.encode() if page.newer else None,
        articles=[
            listed_summary_of(servable_listed(a), platform.settings.base_url) for a in articles
        ],
    )


@router.get(
    "/articles/{article_id}",
    response_model=ArticlePublic,
    summary="One article",
    responses=error_responses(_UNKNOWN_TOKEN, (404, "No article with that id."), 422),
)
def get_article(
    article_id: Annotated[str, Path(description="The article's id, as in its `id` field.")],
    platform: PlatformDep,
    viewer: ViewerDep,
) -> ArticlePublic:
    reading = read_article(platform, article_id, viewer, Surface.API)
    if reading is None:
        raise HTTPException(404, "no such article")
    return public_of(
        servable(reading.article),
        reading.entitlement,
        reading.body_html,
        platform.settings.base_url,
    )


@router.get(
    "/search",
    response_model=SearchResponse,
    summary="Full-text search with facets",
    responses=error_responses(
        (400, "Invalid search syntax, or a filter value that is not acceptable."),
        _UNKNOWN_TOKEN,
        422,
    ),
)
def search(platform: PlatformDep, viewer: ViewerDep, params: SearchParamsDep) -> SearchResponse:
    try:
        result = search_articles(platform, params.to_query(), viewer)
    except (QuerySyntaxError, SearchParamError) as error:
        raise HTTPException(400, str(error)) from None
    return SearchResponse(
        total=result.total,
        page=result.query.page,
        per_page=result.query.per_page,
        hits=[hit_of(h, platform.settings.base_url) for h in result.hits],
        facets={
            facet.value: [
                FacetValue(
                    value=c.value, name=facet_name(platform.taxonomy, facet, c.value), count=c.count
                )
                for c in counts
            ]
            for facet, counts in result.facets.items()
        },
    )


@router.get("/regions", response_model=list[RegionPublic], summary="The region taxonomy")
def regions(platform: PlatformDep) -> list[RegionPublic]:
    taxonomy = platform.taxonomy
    counted = coverage(platform)
    region_counts, country_counts = counted.regions, counted.countries

    def node(region_id: str) -> RegionPublic:
        region = taxonomy.region(region_id)
        children = [node(c.id) for c in taxonomy.children(region_id)]
        countries = (
            []
            if children
            else [
                CountryCount(code=c.code, name=c.name, article_count=country_counts.get(c.code, 0))
                for c in taxonomy.countries_in(region_id)
            ]
        )
        return RegionPublic(
            id=region.id,
            name=region.name,
            parent_id=region.parent_id,
            article_count=region_counts.get(region.id, 0),
            children=children,
            countries=countries,
        )

    return [node(r.id) for r in taxonomy.top_regions()]


@router.get(
    "/countries/{code}",
    response_model=CountryPublic,
    summary="A country",
    responses=error_responses(NO_COUNTRY, 422),
)
def country(
    code: CountryCodePath,
    platform: PlatformDep,
) -> CountryPublic:
    found = platform.taxonomy.find_country(code.upper())
    if found is None:
        raise HTTPException(404, "no country has that ISO 3166-1 alpha-2 code")
    query = ListingQuery(countries=(found.code,), limit=10)
    _, latest = latest_articles(platform, query)
    return CountryPublic(
        code=found.code,
        name=found.name,
        regions=[
            RegionRef(id=r.id, name=r.name) for r in platform.taxonomy.regions_for(found.code)
        ],
        article_count=listing_total(platform, query) or 0,
        latest=[listed_summary_of(servable_listed(a), platform.settings.base_url) for a in latest],
    )


@router.post(
    "/articles",
    response_model=ArticleCreated,
    status_code=201,
    summary="Create or update an article",
    responses=error_responses(
        (401, "No bearer token, or one that is unknown or revoked."),
        (403, "Writing is off on this site, or the token's account is no editor or admin."),
        *BODY_ERRORS,
    ),
)
def create_article(
    payload: ArticleCreate,
    platform: PlatformDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
) -> ArticleCreated:
    """Needs `Authorization: Bearer <token>`: the site's `WORLDBRIEF_API_WRITE_TOKEN`, or an API
    token of an editor or admin account (`worldbrief tokens create`). The article goes through the
    same pipeline as every ingested one (enrichment, store, index)."""
    _require_write_token(platform, credentials.credentials if credentials else None)
    raw = RawDocument(
        location="api",
        title=payload.title,
        body=payload.body,
        body_format=payload.body_format,
        # Without the caller's id, each post is its own article (identical text still dedupes).
        external_id=payload.id or uuid.uuid4().hex,
        url=payload.url,
        teaser=payload.teaser,
        type=payload.type,
        authors=tuple(Author(a.name, a.role) for a in payload.authors),
        published_at=payload.published_at,
        source_name="api",
        access=payload.access,
        media_url=payload.media_url,
    )
    report = ingest_records(platform, [raw])
    if report.rejected:
        raise HTTPException(422, report.rejected[0].reason)
    article_id = report.article_ids[0]
    status: WriteStatus = (
        "duplicate"
        if report.duplicates
        else "created"
        if report.created
        else "updated"
        if report.updated
        else "unchanged"
    )
    url = absolute_article_url(platform.settings.base_url, article_id, payload.title)
    return ArticleCreated(id=article_id, status=status, url=url)


def _require_write_token(platform: Platform, token: str | None) -> None:
    """The shared ``WORLDBRIEF_API_WRITE_TOKEN``, or an editor's or admin's own API token
    (``token`` is what followed ``Bearer``; None without a bearer token)."""
    expected = platform.settings.api_write_token
    bearer = token is not None
    token = token or ""
    if bearer and expected and hmac.compare_digest(token.encode(), expected.encode()):
        return
    if bearer and looks_like_token(token):
        account = account_for_token(accounts_of(platform), token)
        if account is None:
            raise invalid_token()
        if account.disabled or account.role not in (Role.EDITOR, Role.ADMIN):
            raise HTTPException(403, "writing articles needs an editor or admin account")
        return
    if not expected:
        raise HTTPException(
            403,
            "writing through the API is disabled (set WORLDBRIEF_API_WRITE_TOKEN "
            "or use an editor's API token)",
        )
    raise HTTPException(401, "a valid bearer token is required", {"WWW-Authenticate": "Bearer"})


def _country(value: str) -> str:
    """A country filter as search takes it: "uk" or "ZZ" would list nothing without a word."""
    try:
        return country_filter(value)
    except FilterValueError as error:
        raise HTTPException(400, str(error)) from None


def _article_type(value: str) -> ArticleType:
    try:
        return ArticleType.parse(value)
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
