"""``/api/events``: distinct events (reports linked across articles), newest first with
filters, and one event with its sources. Event fields are for everyone; a source's evidence
goes only to viewers who may read its article (``services.events``)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Path, Query

from worldbrief.domain.linked_events import LinkedEvent
from worldbrief.services.event_queries import search_events
from worldbrief.services.events import (
    MAX_PAGE,
    EventQueryError,
    EventSource,
    event_detail,
    format_cursor,
    parse_cursor,
)
from worldbrief.services.platform import Platform
from worldbrief.web.api_errors import error_responses
from worldbrief.web.api_models import absolute_article_url
from worldbrief.web.deps import PlatformDep, ViewerDep
from worldbrief.web.event_filters import EventFiltersDep
from worldbrief.web.event_models import (
    EventActorPublic,
    EventDetailPublic,
    EventPlace,
    EventPublic,
    EventSourcePublic,
)
from worldbrief.web.event_search_models import EventFacetsPublic, EventSearchList, FacetValue
from worldbrief.web.json_body import JsonBodyRoute
from worldbrief.web.single_values import REPEATED

router = APIRouter(prefix="/api", tags=["api"], route_class=JsonBodyRoute)


@router.get(
    "/events",
    response_model=EventSearchList,
    summary="Distinct events, newest first, with counts",
    responses=error_responses(
        (
            400,
            "A cursor this API did not give, a country code not in use, an unknown region, a "
            "bounding box that is not four numbers in range, a period that ends before it "
            "starts, too many words in `q`, both `page` and `cursor`, a page past the first "
            f"10,000 events, or {REPEATED}.",
        ),
        422,
    ),
)
def list_events(
    platform: PlatformDep,
    filters: EventFiltersDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Events per page.")] = 20,
    cursor: Annotated[
        str | None, Query(max_length=200, description="`next_cursor` of the page before.")
    ] = None,
    page: Annotated[
        int | None,
        Query(ge=1, le=10_000, description="A page number (instead of `cursor`)."),
    ] = None,
) -> EventSearchList:
    """Events with a date, each counted once however many articles report it, matching every
    filter given, with the total and facets (type, country, actor, month) of the filters.
    Reports of the same event in several articles are one event (see docs/events.md on how
    linking decides). Counts are taken over the newest 10,000 events of the countries and
    dates asked for; `facets_complete` says whether that was all of them. With no filter
    they count every event (kept tallies), so they are always complete. A filter other than
    countries and dates is tested on at most 10,000 events a page: a page may then be short,
    even empty, while `next_cursor` goes on; only a null `next_cursor` is the end."""
    try:
        where = filters.query(platform)
        after = parse_cursor(cursor) if cursor is not None else None
        found = search_events(platform, where, limit, after, page)
    except EventQueryError as error:
        raise HTTPException(400, str(error)) from None
    next_cursor = format_cursor(found.next) if found.next else None
    next_url = None
    if next_cursor is not None:
        params = [*filters.params(), ("limit", str(limit)), ("cursor", next_cursor)]
        next_url = "/api/events?" + urlencode(params)
    facets = found.facets
    return EventSearchList(
        events=[_public(e) for e in found.events],
        next_cursor=next_cursor,
        next_url=next_url,
        page=page,
        total=facets.counted if facets.complete else None,
        counted=facets.counted,
        facets_complete=facets.complete,
        facets=EventFacetsPublic(
            type=[FacetValue(value=f.value, count=f.count) for f in facets.type],
            country=[
                FacetValue(value=f.value, name=_country_name(platform, f.value), count=f.count)
                for f in facets.country
            ],
            actor=[
                FacetValue(value=f.value, name=found.actor_names.get(f.value), count=f.count)
                for f in facets.actor
            ],
            month=[FacetValue(value=f.value, count=f.count) for f in facets.month],
        ),
    )


def _country_name(platform: Platform, code: str) -> str | None:
    found = platform.taxonomy.find_country(code)
    return found.name if found else None


@router.get(
    "/events/{event_id}",
    response_model=EventDetailPublic,
    summary="One event with the articles reporting it",
    responses=error_responses((404, "No event with that id."), 401, 422),
)
def get_event(
    event_id: Annotated[str, Path(max_length=100, description="An event `id`.")],
    platform: PlatformDep,
    viewer: ViewerDep,
) -> EventDetailPublic:
    """The event and its sources, first reported first. A source's `evidence` and
    `sentences` are given only where the viewer may read the article (free articles for
    everyone, members-only ones for members and staff); otherwise `locked` is true."""
    found = event_detail(platform, event_id, viewer)
    if found is None:
        raise HTTPException(404, "no such event")
    base = platform.settings.base_url
    return EventDetailPublic(
        **_public(found.event).model_dump(),
        sources=[_source(s, base) for s in found.sources],
    )


def _public(event: LinkedEvent) -> EventPublic:
    place = event.place
    return EventPublic(
        id=event.id,
        url=f"/api/events/{event.id}",
        type=event.type,
        subtype=event.subtype,
        date=event.date,
        date_precision=event.date_precision,
        place=EventPlace(
            name=place.name,
            geonameid=place.geonameid,
            lat=place.lat,
            lon=place.lon,
            country=place.country,
            admin1=place.admin1,
            feature=place.feature,
        )
        if place
        else None,
        country=event.country,
        admin1=event.admin1,
        actors=[
            EventActorPublic(name=a.name, type=a.type, entity_id=a.entity_id) for a in event.actors
        ],
        fatalities=event.fatalities,
        fatalities_approximate=event.fatalities_approximate,
        first_reported=event.first_reported,
        last_reported=event.last_reported,
        source_count=event.sources,
    )


def _source(source: EventSource, base: str) -> EventSourcePublic:
    return EventSourcePublic(
        article_id=source.article_id,
        url=absolute_article_url(base, source.article_id, source.title),
        title=source.title,
        published_at=source.published_at,
        access=source.access,
        locked=source.locked,
        evidence=[s.as_list() for s in source.evidence] if source.evidence is not None else None,
        sentences=list(source.sentences) if source.sentences is not None else None,
        date_text=source.date_text,
        fatalities=source.fatalities,
    )
