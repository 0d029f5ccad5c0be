"""The data of a country's map and timeline, for the page's script and for API clients.
Counts, places and headlines are metadata, shown to everyone: no body travels here."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Path, Query

from worldbrief.domain import Country
from worldbrief.services.country_events import (
    MAP_EVENTS,
    event_timeline,
    map_events,
)
from worldbrief.services.country_pages import (
    MAX_MAP_PLACES,
    PLACE_ARTICLES,
    PeriodError,
    country_places,
    country_timeline,
    place_articles,
)
from worldbrief.services.platform import Platform
from worldbrief.services.region_period import region_period
from worldbrief.web.api_errors import error_responses
from worldbrief.web.api_models import absolute_article_url
from worldbrief.web.country_event_views import event_url, place_label
from worldbrief.web.country_models import (
    CountryEventPoints,
    CountryPlaces,
    CountryTimeline,
    EventPoint,
    EventTypeWeeks,
    PlaceArticle,
    PlaceArticles,
    PlacePoint,
    RegionTimeline,
    RegionWeek,
    TimelineWeek,
)
from worldbrief.web.country_path import NO_COUNTRY, CountryCodePath
from worldbrief.web.deps import PlatformDep
from worldbrief.web.json_body import JsonBodyRoute
from worldbrief.web.query_days import Day

router = APIRouter(prefix="/api", tags=["api"], route_class=JsonBodyRoute)


def _country(platform: Platform, code: str) -> Country:
    found = platform.taxonomy.find_country(code.upper())
    if found is None:
        raise HTTPException(404, "no country has that ISO 3166-1 alpha-2 code")
    return found


def places_url(code: str, key: str) -> str:
    return f"/api/countries/{code.lower()}/places/{quote(key, safe='')}/articles"


@router.get(
    "/countries/{code}/places",
    response_model=CountryPlaces,
    summary="A country's places named in articles, for its map",
    responses=error_responses(NO_COUNTRY, 422),
)
def places(
    code: CountryCodePath,
    platform: PlatformDep,
    limit: Annotated[
        int, Query(ge=1, le=MAX_MAP_PLACES, description="How many places, most named first.")
    ] = MAX_MAP_PLACES,
) -> CountryPlaces:
    """The places in the country that stored articles name (any article, not only those about
    the country), with how many articles name each, most named first."""
    country = _country(platform, code)
    found = country_places(platform, country.code, limit)
    return CountryPlaces(
        code=country.code,
        name=country.name,
        limit=limit,
        places=[
            PlacePoint(
                key=p.place_key,
                name=p.name,
                admin1=p.admin1,
                feature=p.feature,
                lat=p.lat,
                lon=p.lon,
                article_count=p.articles,
                articles_url=places_url(country.code, p.place_key),
            )
            for p in found
        ],
    )


@router.get(
    "/countries/{code}/places/{key}/articles",
    response_model=PlaceArticles,
    summary="The newest articles naming one of a country's places",
    responses=error_responses(NO_COUNTRY, 422),
)
def articles_at_place(
    code: CountryCodePath,
    key: Annotated[str, Path(max_length=300, description="A place `key` from its map data.")],
    platform: PlatformDep,
    limit: Annotated[
        int, Query(ge=1, le=50, description="How many articles, newest first.")
    ] = PLACE_ARTICLES,
) -> PlaceArticles:
    """Empty for a key the country has no articles at."""
    country = _country(platform, code)
    base = platform.settings.base_url
    return PlaceArticles(
        code=country.code,
        key=key,
        articles=[
            PlaceArticle(
                id=a.id,
                url=absolute_article_url(base, a.id, a.title),
                title=a.title,
                type=a.type,
                access=a.access,
                published_at=a.published_at,
            )
            for a in place_articles(platform, country.code, key, limit)
        ],
    )


@router.get(
    "/countries/{code}/timeline",
    response_model=CountryTimeline,
    summary="Articles about a country per week",
    responses=error_responses(
        NO_COUNTRY,
        (400, "The period starts after it ends, or spans more than 1,044 weeks."),
        422,
    ),
)
def timeline(
    code: CountryCodePath,
    platform: PlatformDep,
    date_from: Annotated[
        Day | None, Query(alias="from", description="A day in the first week shown.")
    ] = None,
    date_to: Annotated[
        Day | None, Query(alias="to", description="A day in the last week shown.")
    ] = None,
) -> CountryTimeline:
    """Every week (Monday to Sunday, UTC) of the period, with the articles about the country
    published in it and the distinct events placed in it by type. Without `from` and `to`:
    from the first week with an article to the last, at most the last 1,044 weeks."""
    country = _country(platform, code)
    try:
        found = country_timeline(platform, country.code, date_from, date_to)
    except PeriodError as error:
        raise HTTPException(400, str(error)) from None
    available = found.available
    events = event_timeline(platform, [country.code], found.first, found.last)
    return CountryTimeline(
        code=country.code,
        name=country.name,
        first=found.first,
        last=found.last,
        weeks=[TimelineWeek(week=w.week, article_count=w.articles) for w in found.weeks],
        article_count=found.total,
        available_first=available[0] if available else None,
        available_last=available[1] if available else None,
        event_types=[EventTypeWeeks(type=s.type, counts=list(s.counts)) for s in events.series],
        event_count=events.total,
    )


@router.get(
    "/countries/{code}/events",
    response_model=CountryEventPoints,
    summary="A country's newest placed events, for its map",
    responses=error_responses(NO_COUNTRY, 422),
)
def event_points(
    code: CountryCodePath,
    platform: PlatformDep,
    limit: Annotated[
        int, Query(ge=1, le=MAP_EVENTS, description="How many events, newest first.")
    ] = MAP_EVENTS,
) -> CountryEventPoints:
    """Distinct events placed in the country, newest first, with where and who: metadata
    shown to everyone. An event's sources and their evidence are at its `api_url`."""
    country = _country(platform, code)
    points = [
        EventPoint(
            id=e.id,
            url=event_url(e.id),
            api_url=f"/api/events/{e.id}",
            type=e.type,
            subtype=e.subtype,
            date=e.date,
            date_precision=e.date_precision,
            place=place_label(e),
            admin1=e.admin1,
            lat=e.place.lat,
            lon=e.place.lon,
            actors=[a.name for a in e.actors],
            fatalities=e.fatalities,
            source_count=e.sources,
        )
        for e in map_events(platform, country.code, limit)
        if e.place is not None
    ]
    return CountryEventPoints(code=country.code, name=country.name, events=points, limit=limit)


@router.get(
    "/regions/{region_id}/timeline",
    response_model=RegionTimeline,
    summary="Distinct events in a region's countries per week and type",
    responses=error_responses((404, "No region with that id."), 422),
)
def region_timeline(
    region_id: Annotated[str, Path(max_length=100, description="A region id, e.g. central-asia.")],
    platform: PlatformDep,
    date_to: Annotated[
        Day | None,
        Query(alias="to", description="A day in the last week shown; by default last week."),
    ] = None,
) -> RegionTimeline:
    """The 261 weeks (five years) ending with the last complete week, or with the week of
    `to` when that is earlier: distinct events placed in any country of the region (at any
    depth), per type and week."""
    found = platform.taxonomy.find_region(region_id)
    if found is None:
        raise HTTPException(404, "no such region")
    period = region_period(date.today(), date_to)
    first, last = period.first, period.last
    codes = [c.code for c in platform.taxonomy.countries_in(found.id)]
    events = event_timeline(platform, codes, first, last)
    return RegionTimeline(
        region=found.id,
        name=found.name,
        first=first,
        last=last,
        weeks=[RegionWeek(week=first + timedelta(weeks=i)) for i in range(events.weeks)],
        event_types=[EventTypeWeeks(type=s.type, counts=list(s.counts)) for s in events.series],
        event_count=events.total,
    )
