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
from worldbrief.web.country_path import NO_COUNTRY, CountryCodePath
from worldbrief.web.deps import PlatformDep, ViewerDep
from worldbrief.web.event_atom import event_feed
from worldbrief.web.routes.feed_routes import (
    FEED_SIZE,
    atom_response,
    atom_responses,
    feed_country,
    feed_router,
)

router = feed_router()


@router.get(
    "/actors/{actor_id}.atom",
    summary="Latest events of an actor (Atom)",
    responses=atom_responses("events", (404, "No actor with that id."), 422),
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
            platform, EventQuery(actor=entity.id), viewer, Surface.FEED, limit=FEED_SIZE
        )
    )
    key = quote(entity.id, safe="")
    body = event_feed(
        title=f"{platform.settings.site_name}: events of {entity.name}",
        feed_path=f"/feeds/actors/{key}.atom",
        page_path=f"/actors/{key}",
        base_url=platform.settings.base_url,
        entries=rows,
    )
    return atom_response(body)


@router.get(
    "/countries/{code}/events.atom",
    summary="Latest events of a country (Atom)",
    responses=atom_responses("events", NO_COUNTRY, 422),
)
def country_events(code: CountryCodePath, platform: PlatformDep, viewer: ViewerDep) -> Response:
    found = feed_country(platform, code)
    rows = list(
        exported_events(
            platform,
            EventQuery(countries=(found.code,)),
            viewer,
            Surface.FEED,
            limit=FEED_SIZE,
        )
    )
    path = f"/countries/{found.code.lower()}"
    body = event_feed(
        title=f"{platform.settings.site_name}: events in {found.name}",
        feed_path=f"/feeds{path}/events.atom",
        page_path=path,
        base_url=platform.settings.base_url,
        entries=rows,
    )
    return atom_response(body)
