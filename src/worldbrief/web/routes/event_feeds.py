"""Atom feeds of events: an actor's and a country's, newest first. Entries carry event fields
for everyone; the notes (evidence sentences) only where the viewer may read the source's body
on feeds. Kept and revalidated like the other feeds (under ``/feeds/``)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Path, Response

from worldbrief.domain.event_query import EventQuery
from worldbrief.membership.entitlements import Surface
from worldbrief.services.actor_directory import actor_summary
from worldbrief.services.event_exports import exported_events
from worldbrief.web.api_errors import error_responses
from worldbrief.web.atom_elements import ATOM_MEDIA_TYPE
from worldbrief.web.deps import PlatformDep, ViewerDep
from worldbrief.web.event_atom import event_feed

router = APIRouter(prefix="/feeds", tags=["feeds"], default_response_class=Response)
FEED_SIZE = 30
_ATOM: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "An Atom 1.0 feed of up to 30 events, newest first.",
        "content": {"application/atom+xml": {"schema": {"type": "string"}}},
    }
}
_UNKNOWN_TOKEN = (401, "The bearer token is unknown or revoked (without one the feed is public).")


@router.get(
    "/actors/{actor_id}.atom",
    summary="Latest events of an actor (Atom)",
    responses={**_ATOM, **error_responses(_UNKNOWN_TOKEN, (404, "No actor with that id."), 422)},
)
def actor_events(
    actor_id: Annotated[str, Path(max_length=200, description="An actor's id.")],
    platform: PlatformDep,
    viewer: ViewerDep,
) -> Response:
    found = actor_summary(platform, actor_id)
    if found is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
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
    return Response(content=body, media_type=ATOM_MEDIA_TYPE)


@router.get(
    "/countries/{code}/events.atom",
    summary="Latest events of a country (Atom)",
    responses={
        **_ATOM,
        **error_responses(_UNKNOWN_TOKEN, (404, "No country with that code."), 422),
    },
)
def country_events(
    code: Annotated[str, Path(description="ISO 3166-1 alpha-2 code, any case, e.g. kz.")],
    platform: PlatformDep,
    viewer: ViewerDep,
) -> Response:
    found = platform.taxonomy.find_country(code.upper())
    if found is None:
        raise HTTPException(404, f"no country with ISO code {code!r}")
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
    return Response(content=body, media_type=ATOM_MEDIA_TYPE)
