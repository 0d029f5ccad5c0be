"""Atom feeds of events: an actor's and a country's, newest first. Entries carry event fields
for everyone; the notes (evidence sentences) only where the viewer may read the source's body
on feeds. Kept and revalidated like the other feeds (under ``/feeds/``)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import HTTPException, Path, Response

from worldbrief.domain.event_query import EventQuery
from worldbrief.membership.entitlements import Surface
from worldbrief.services.actor_directory import actor_summary
from worldbrief.services.event_exports import exported_events
from worldbrief.web.country_path import NO_COUNTRY
from worldbrief.web.deps import PlatformDep, ViewerDep
from worldbrief.web.event_atom import event_feed
from worldbrief.web.routes import feed_routes

router = feed_routes.feed_router()


@router.get(
    "/actors/{actor_id}.atom",
    summary="Latest events of an actor (Atom)",
    responses=feed_routes.atom_responses("events", (404, "No actor with that id."), 422),
)
def actor_events(
    actor_id: Annotated[str, Path(max_length=200, description="An actor's id.")],
    platform: PlatformDep,
    viewer: ViewerDep,
) -> Response:
    found = actor_summary(platform, actor_id)
    if found is None:
        raise HTTPException(404, "no such actor")
    entity = found.entity
    rows = list(
        exported_events(
            platform, EventQuery(actor=entity.id), viewer, Surface.FEED, limit=feed_routes.FEED_SIZE
        )
    )
    page = f"/actors/{quote(entity.id, safe='')}"
    return feed_routes.feed_response(
        platform, event_feed, f"events of {entity.name}", f"/feeds{page}.atom", page, rows
    )


@router.get(
    "/countries/{code}/events.atom",
    summary="Latest events of a country (Atom)",
    responses=feed_routes.atom_responses("events", NO_COUNTRY, 422),
)
def country_events(
    found: feed_routes.FeedCountry, platform: PlatformDep, viewer: ViewerDep
) -> Response:
    rows = list(
        exported_events(
            platform,
            EventQuery(countries=(found.code,)),
            viewer,
            Surface.FEED,
            limit=feed_routes.FEED_SIZE,
        )
    )
    path = f"/countries/{found.code.lower()}"
    return feed_routes.feed_response(
        platform, event_feed, f"events in {found.name}", f"/feeds{path}/events.atom", path, rows
    )
