"""``/api/actors``: the known actors (entities) with how many distinct events name them."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Path, Query, Request

from worldbrief.domain.entities import KnownEntity
from worldbrief.services.actor_directory import (
    MAX_PAGE,
    ActorQueryError,
    actor_summary,
    list_actors,
)
from worldbrief.web.api_errors import error_responses
from worldbrief.web.deps import PlatformDep
from worldbrief.web.event_search_models import ActorListPublic, ActorPublic
from worldbrief.web.json_body import JsonBodyRoute
from worldbrief.web.single_values import REPEATED, refuse_repeats

router = APIRouter(prefix="/api", tags=["api"], route_class=JsonBodyRoute)


@router.get(
    "/actors",
    response_model=ActorListPublic,
    summary="Known actors, filtered",
    responses=error_responses(
        (400, f"An unknown actor type, a country code not in use, or {REPEATED}."), 422
    ),
)
def actors(
    request: Request,
    platform: PlatformDep,
    type: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=40,
            description="armed group, organization, person, party or state forces.",
        ),
    ] = None,
    country: Annotated[
        str | None,
        Query(pattern="^[A-Za-z]{2}$", description="ISO alpha-2 code the actor is seen with."),
    ] = None,
    name: Annotated[
        str | None,
        Query(min_length=1, max_length=100, description="Prefix of its name or an alias."),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Actors per page.")] = 50,
    cursor: Annotated[
        str | None, Query(max_length=200, description="`next_cursor` of the page before.")
    ] = None,
) -> ActorListPublic:
    """Actors in id order. A page reads at most 2,000 catalog rows: with a rare `name` or
    `country` a page may hold fewer than `limit` actors (even none) while `next_cursor`
    still leads on; only a null `next_cursor` means the catalog is read to its end."""
    refuse_repeats(request, ("type", "country", "name", "cursor"))
    try:
        found = list_actors(
            platform,
            entity_type=type,
            country=country,
            name_prefix=name,
            limit=limit,
            after=cursor,
        )
    except ActorQueryError as error:
        raise HTTPException(400, str(error)) from None
    next_url = None
    if found.next is not None:
        given = {"type": type, "country": country, "name": name, "limit": str(limit)}
        params = [(k, v) for k, v in given.items() if v is not None]
        next_url = "/api/actors?" + urlencode([*params, ("cursor", found.next)])
    return ActorListPublic(
        actors=[_public(s.entity, s.event_count) for s in found.actors],
        next_cursor=found.next,
        next_url=next_url,
    )


@router.get(
    "/actors/{actor_id}",
    response_model=ActorPublic,
    summary="One known actor",
    responses=error_responses((404, "No actor with that id."), 422),
)
def actor(
    actor_id: Annotated[str, Path(max_length=200, description="An actor's `id`.")],
    platform: PlatformDep,
) -> ActorPublic:
    found = actor_summary(platform, actor_id)
    if found is None:
        raise HTTPException(404, "no such actor")
    return _public(found.entity, found.event_count)


def _public(entity: KnownEntity, event_count: int) -> ActorPublic:
    key = quote(entity.id, safe="")
    return ActorPublic(
        id=entity.id,
        url=f"/api/actors/{key}",
        name=entity.name,
        aliases=list(entity.aliases),
        type=entity.type.value,
        countries=list(entity.countries),
        first_seen=entity.first_seen,
        last_seen=entity.last_seen,
        event_count=event_count,
        events_url="/api/events?" + urlencode({"actor": entity.id}),
    )
