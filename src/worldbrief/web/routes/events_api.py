"""``/api/events``: distinct events (reports linked across articles), newest first with
filters, and one event with its sources. Event fields are for everyone; a source's evidence
goes only to viewers who may read its article (``services.events``)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Path, Query

from worldbrief.domain.linked_events import EventFilter, LinkedEvent
from worldbrief.services.events import (
    MAX_PAGE,
    EventQueryError,
    EventSource,
    event_detail,
    format_cursor,
    latest_events,
    parse_cursor,
)
from worldbrief.web.api_errors import error_responses
from worldbrief.web.api_models import Day, absolute_article_url
from worldbrief.web.deps import PlatformDep, ViewerDep
from worldbrief.web.event_models import (
    EventActorPublic,
    EventDetailPublic,
    EventList,
    EventPlace,
    EventPublic,
    EventSourcePublic,
)
from worldbrief.web.json_body import JsonBodyRoute

router = APIRouter(prefix="/api", tags=["api"], route_class=JsonBodyRoute)
_NAME = {"min_length": 1, "max_length": 100}


@router.get(
    "/events",
    response_model=EventList,
    summary="Distinct events, newest first",
    responses=error_responses((400, "The cursor is not one this API gave out."), 422),
)
def list_events(
    platform: PlatformDep,
    country: Annotated[
        str | None,
        Query(pattern="^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code of the place."),
    ] = None,
    type: Annotated[str | None, Query(**_NAME, description="Event type, e.g. Battles.")] = None,
    subtype: Annotated[
        str | None, Query(**_NAME, description="Event subtype, e.g. Armed clash.")
    ] = None,
    date_from: Annotated[Day | None, Query(alias="from", description="Earliest date.")] = None,
    date_to: Annotated[Day | None, Query(alias="to", description="Latest date.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Events per page.")] = 20,
    cursor: Annotated[
        str | None, Query(max_length=200, description="`next_cursor` of the page before.")
    ] = None,
) -> EventList:
    """Events with a date, each counted once however many articles report it, matching every
    filter given. Reports of the same event in several articles are one event (see
    docs/events.md on how linking decides)."""
    where = EventFilter(
        country=country.upper() if country else None,
        type=type,
        subtype=subtype,
        since=date_from,
        until=date_to,
    )
    try:
        after = parse_cursor(cursor) if cursor is not None else None
        page = latest_events(platform, where, limit, after)
    except EventQueryError as error:
        raise HTTPException(400, str(error)) from None
    next_cursor = format_cursor(page.next) if page.next else None
    next_url = None
    if next_cursor is not None:
        params = {
            "country": where.country,
            "type": type,
            "subtype": subtype,
            "from": date_from.isoformat() if date_from else None,
            "to": date_to.isoformat() if date_to else None,
            "limit": limit,
            "cursor": next_cursor,
        }
        next_url = "/api/events?" + urlencode({k: v for k, v in params.items() if v is not None})
    return EventList(
        events=[_public(e) for e in page.events], next_cursor=next_cursor, next_url=next_url
    )


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
        raise HTTPException(404, f"no event {event_id!r}")
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
