"""The event page (``/events/{id}``) and the actor page (``/actors/{id}``): what happened,
where, when and who, from the stored events and entities. What a viewer may read of a
source's body is decided in ``services`` (the paywall); these pages only show it."""

from __future__ import annotations

import dataclasses
import json
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse

from worldbrief.services.actor_pages import (
    ActorPageError,
    actor_page,
    format_articles_cursor,
    parse_articles_cursor,
)
from worldbrief.services.event_pages import country_numeric, event_page
from worldbrief.services.following import FollowKind, FollowTarget
from worldbrief.services.platform import Platform
from worldbrief.web.deps import PlatformDep, ViewerDep
from worldbrief.web.event_page_views import (
    WORLD_OUTLINES,
    EventSummary,
    actor_page_url,
    country_link,
    country_namer,
    entity_facts,
    event_page_url,
    event_summary,
    map_points,
    precision_label,
    related_view,
    source_view,
)
from worldbrief.web.follow_views import follow_box
from worldbrief.web.map_views import numeric_id
from worldbrief.web.routes.pages import render
from worldbrief.web.views import card_for

router = APIRouter(include_in_schema=False)
EVENTS_LISTED = 20  # of an actor's latest events; the map shows more
_ID = Path(max_length=200)


def _canonical(platform: Platform, path: str) -> str:
    return platform.settings.base_url.rstrip("/") + path


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(
    request: Request,
    event_id: Annotated[str, _ID],
    platform: PlatformDep,
    viewer: ViewerDep,
) -> HTMLResponse:
    found = event_page(platform, event_id, viewer)
    if found is None:
        raise HTTPException(404, "We could not find that event.")
    names = country_namer(platform)
    linked = found.detail.event
    summary = event_summary(linked, names)
    country = country_link(linked.country, names)
    point = (
        {"lat": linked.place.lat, "lon": linked.place.lon, "label": summary.place_label}
        if linked.place
        else None
    )
    title = f"{linked.subtype}: {summary.place_label}, {summary.date_label}"
    return render(
        request,
        "event.html",
        {
            "event": linked,
            "summary": summary,
            "precision": precision_label(linked.date_precision),
            "country": country,
            "point_json": json.dumps(point) if point else "",
            "numeric": numeric_id(country_numeric(linked.country)),
            "world_map": WORLD_OUTLINES,
            "with_chart": False,  # a map, no timeline: uPlot stays out of the page
            "sources": [source_view(s) for s in found.detail.sources],
            "related": [related_view(r, linked.date, names) for r in found.related],
            "page_title": title,
            "canonical": _canonical(platform, event_page_url(linked.id)),
            "feed_url": f"/feeds{country[1]}/events.atom" if country else "/feeds/latest.atom",
        },
    )


@router.get("/actors/{entity_id}", response_class=HTMLResponse)
def actor(
    request: Request,
    entity_id: Annotated[str, _ID],
    platform: PlatformDep,
    cursor: Annotated[str | None, Query(max_length=300)] = None,
) -> HTMLResponse:
    try:
        after = parse_articles_cursor(cursor) if cursor else None
    except ActorPageError:
        raise HTTPException(400, "The page link is not valid.") from None
    found = actor_page(platform, entity_id, after)
    if found is None:
        raise HTTPException(404, "We could not find that actor.")
    names = country_namer(platform)
    entity = found.entity
    path = actor_page_url(entity.id)
    older = (
        f"{path}?{urlencode({'cursor': format_articles_cursor(found.next)})}"
        if found.next
        else None
    )
    return render(
        request,
        "actor.html",
        {
            "entity": entity,
            "facts": entity_facts(entity),
            "countries": [c for c in (country_link(code, names) for code in entity.countries) if c],
            "events": [
                _without(event_summary(e, names), path) for e in found.events[:EVENTS_LISTED]
            ],
            "events_mapped": len(found.events),
            "events_capped": found.events_capped,
            "points_json": json.dumps(map_points(found.events, names)),
            "world_map": WORLD_OUTLINES,
            "months": found.months,
            "months_json": json.dumps([[m.isoformat(), n] for m, n in found.months]),
            "timeline_capped": found.timeline_capped,
            "co_actors": found.co_actors,
            "articles": [card_for(a) for a in found.articles],
            "older_url": older,
            "after": after is not None,
            "page_title": entity.name,
            "canonical": _canonical(platform, path),
            "actor_path": path,
            "feed_url": f"/feeds{path}.atom",  # its latest events
            "follow": follow_box(
                request,
                platform,
                FollowTarget(FollowKind.ACTOR, entity.name, entity.id),
                f"/feeds{path}.atom",
            ),
        },
    )


def _without(summary: EventSummary, actor_path: str) -> EventSummary:
    """The event as the actor's own page lists it: the other actors only."""
    others = tuple(a for a in summary.actors if a.url != actor_path)
    return dataclasses.replace(summary, actors=others)
