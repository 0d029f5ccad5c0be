"""Watchlists over the API (``/api/watchlists``, an account's bearer token) and each one's
private Atom feed (``/feeds/watchlists/{token}.atom``, the token issued by the API).

Values are checked by the watchlists service: one that cannot be followed (an unknown country,
region or actor, a refused webhook) is a 400 naming it. A watchlist of
another account is a 404, as one that does not exist: the API never tells them apart.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Response
from pydantic import BaseModel, Field

from worldbrief.domain.watchlists import Watchlist
from worldbrief.membership.roles import Viewer
from worldbrief.services.watchlist_feed import watchlist_feed
from worldbrief.services.watchlists import (
    WatchlistInputError,
    WatchlistOwnerError,
    WatchlistRequest,
    add_watchlist,
    issue_atom_token,
    list_watchlists,
    owned_watchlist,
    remove_watchlist,
    request_of,
    revoke_atom_token,
    update_watchlist,
)
from worldbrief.services.webhook_status import webhook_states
from worldbrief.web.api_errors import error_responses
from worldbrief.web.atom_elements import ATOM_MEDIA_TYPE
from worldbrief.web.deps import PlatformDep, RowIdPath, TokenAccountDep
from worldbrief.web.json_body import JsonBodyRoute
from worldbrief.web.watchlist_atom import watchlist_atom

router = APIRouter(
    prefix="/api/watchlists",
    tags=["watchlists"],
    route_class=JsonBodyRoute,
    responses=error_responses(
        (401, "No bearer token of an account, or one that is unknown or revoked."),
        (422, "A parameter or field is missing, of the wrong type, or not acceptable."),
    ),
)
feeds_router = APIRouter(prefix="/feeds", tags=["feeds"], default_response_class=Response)
_NOT_FOUND = error_responses((404, "No watchlist with that id among the account's."))
_Values = list[str]


class WatchlistCreate(BaseModel):
    """What to follow: kinds combine with AND, values of one kind with OR. A watchlist that
    names an event type follows distinct events, any other follows articles."""

    name: str = Field(min_length=1, max_length=200, description="The watchlist's name")
    countries: _Values = Field(default=[], max_length=50, description="ISO alpha-2 codes")
    regions: _Values = Field(default=[], max_length=50, description="Region ids")
    divisions: _Values = Field(
        default=[], max_length=50, description="First-level divisions as CC/NAME"
    )
    actors: _Values = Field(default=[], max_length=50, description="Actor (entity) ids")
    event_types: _Values = Field(
        default=[], max_length=50, description="Event types, subtypes or subtype ids"
    )
    authors: _Values = Field(default=[], max_length=50, description="Authors' names, any case")
    article_types: _Values = Field(
        default=[], max_length=50, description="Article types, e.g. analysis, news"
    )
    query: str | None = Field(default=None, max_length=1000, description="A saved search")
    email: str = Field(default="daily", description="immediate, daily, weekly or off")
    webhook: str | None = Field(default=None, max_length=4096, description="http(s) URL")


class WatchlistPublic(BaseModel):
    id: int
    name: str
    follows: str = Field(description="`article` or `event`")
    countries: list[str]
    regions: list[str]
    divisions: list[str]
    actors: list[str]
    event_types: list[str]
    event_subtypes: list[str]
    authors: list[str]
    article_types: list[str]
    query: str | None
    email: str
    webhook: str | None
    atom_feed: bool = Field(description="Whether a feed token is issued")
    webhook_state: str | None = Field(
        default=None,
        description="How the webhook stands once tried: `working`, `failing (N in a row): "
        "ERROR` or `disabled: REASON` (see `POST /api/watchlists/{id}/webhook-enable`)",
    )


class AtomToken(BaseModel):
    feed_url: str = Field(description="The private feed; shown once, keep it secret")


AccountDep = TokenAccountDep


@router.get("", summary="The account's watchlists")
def list_own(platform: PlatformDep, viewer: AccountDep) -> list[WatchlistPublic]:
    assert viewer.email is not None
    try:
        found = list_watchlists(platform, viewer.email)
    except WatchlistOwnerError:
        return []
    states = webhook_states(platform, found)
    return [_public(w).model_copy(update={"webhook_state": states.get(w.id)}) for w in found]


_CREATE = error_responses(
    (400, "A value cannot be followed (unknown country, region, actor...; a refused URL)."),
    (413, "The body is larger than `WORLDBRIEF_API_MAX_BODY_BYTES`."),
    (415, "The body was not sent as `application/json`."),
)


@router.post("", status_code=201, responses=_CREATE, summary="Create a watchlist")
def create(body: WatchlistCreate, platform: PlatformDep, viewer: AccountDep) -> WatchlistPublic:
    assert viewer.email is not None
    request = WatchlistRequest(
        name=body.name, countries=body.countries, regions=body.regions,
        divisions=body.divisions, actors=body.actors, event_types=body.event_types,
        authors=body.authors, article_types=body.article_types, query=body.query,
        email=body.email, webhook=body.webhook,
    )  # fmt: skip
    try:
        return _public(add_watchlist(platform, viewer.email, request))
    except WatchlistInputError as error:
        raise HTTPException(400, str(error)) from None
    except WatchlistOwnerError as error:
        raise HTTPException(401, str(error)) from None


class WatchlistUpdate(BaseModel):
    """The fields to change; those left out keep their value. A list replaces the kind's values
    (``[]`` clears them), ``null`` clears the search or the webhook; the watchlist must still
    follow something. Values are checked as on creation."""

    name: str | None = Field(
        default=None, min_length=1, max_length=200, description="The watchlist's new name"
    )
    countries: _Values | None = Field(default=None, max_length=50, description="ISO codes")
    regions: _Values | None = Field(default=None, max_length=50, description="Region ids")
    divisions: _Values | None = Field(
        default=None, max_length=50, description="First-level divisions as CC/NAME"
    )
    actors: _Values | None = Field(default=None, max_length=50, description="Actor ids")
    event_types: _Values | None = Field(
        default=None,
        max_length=50,
        description="Event types, subtypes or subtype ids; replaces both types and subtypes",
    )
    authors: _Values | None = Field(default=None, max_length=50, description="Authors' names")
    article_types: _Values | None = Field(
        default=None, max_length=50, description="Article types, e.g. analysis, news"
    )
    query: str | None = Field(
        default=None, max_length=1000, description="A saved search; null removes it"
    )
    email: str | None = Field(default=None, description="immediate, daily, weekly or off")
    webhook: str | None = Field(
        default=None, max_length=4096, description="http(s) URL; null removes it"
    )


_UPDATE = error_responses(
    (400, "A value cannot be followed, or nothing would be left to follow."),
    (404, "No watchlist with that id among the account's."),
    (413, "The body is larger than `WORLDBRIEF_API_MAX_BODY_BYTES`."),
    (415, "The body was not sent as `application/json`."),
)


@router.patch("/{watchlist_id}", responses=_UPDATE, summary="Change a watchlist")
def update(
    watchlist_id: RowIdPath, body: WatchlistUpdate, platform: PlatformDep, viewer: AccountDep
) -> WatchlistPublic:
    assert viewer.email is not None
    current = request_of(_own(platform, viewer, watchlist_id))
    given = {name: getattr(body, name) for name in body.model_fields_set}
    for name in ("name", "email"):
        if name in given and given[name] is None:
            raise HTTPException(400, f"{name} cannot be null")
    lists = ("countries", "regions", "divisions", "actors", "event_types", "authors",
             "article_types")  # fmt: skip
    for name in lists:
        if name in given:
            given[name] = tuple(given[name] or ())
    try:
        changed = update_watchlist(
            platform, viewer.email, watchlist_id, dataclasses.replace(current, **given)
        )
    except WatchlistInputError as error:
        raise HTTPException(400, str(error)) from None
    if changed is None:
        raise HTTPException(404, "no such watchlist")
    state = webhook_states(platform, [changed]).get(changed.id)
    return _public(changed).model_copy(update={"webhook_state": state})


@router.delete("/{watchlist_id}", status_code=204, responses=_NOT_FOUND, summary="Delete one")
def delete(watchlist_id: RowIdPath, platform: PlatformDep, viewer: AccountDep) -> Response:
    _own(platform, viewer, watchlist_id)
    remove_watchlist(platform, watchlist_id)
    return Response(status_code=204)


@router.post(
    "/{watchlist_id}/atom-token",
    status_code=201,
    responses=_NOT_FOUND,
    summary="Issue the watchlist's feed token (the previous one stops working)",
)
def issue_feed(watchlist_id: RowIdPath, platform: PlatformDep, viewer: AccountDep) -> AtomToken:
    _own(platform, viewer, watchlist_id)
    token = issue_atom_token(platform, watchlist_id)
    if token is None:
        raise HTTPException(404, "no such watchlist")
    base = platform.settings.base_url.rstrip("/")
    return AtomToken(feed_url=f"{base}/feeds/watchlists/{token}.atom")


@router.delete(
    "/{watchlist_id}/atom-token", status_code=204, responses=_NOT_FOUND, summary="Revoke it"
)
def revoke_feed(watchlist_id: RowIdPath, platform: PlatformDep, viewer: AccountDep) -> Response:
    _own(platform, viewer, watchlist_id)
    revoke_atom_token(platform, watchlist_id)
    return Response(status_code=204)


_FEED: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "An Atom 1.0 feed of the watchlist's newest 30 alerts.",
        "content": {"application/atom+xml": {"schema": {"type": "string"}}},
    }
}


@feeds_router.get(
    "/watchlists/{token}.atom",
    summary="A watchlist's alerts (Atom, private: the token is in the URL)",
    responses={**_FEED, **error_responses((404, "No watchlist has that feed token."), 422)},
)
def feed(
    token: Annotated[str, Path(max_length=200, description="The feed token")],
    platform: PlatformDep,
) -> Response:
    found = watchlist_feed(platform, token)
    if found is None:
        raise HTTPException(404, "no watchlist has that feed token (revoked or mistyped)")
    path = f"/feeds/watchlists/{token}.atom"
    body = watchlist_atom(
        found, site_name=platform.settings.site_name, base_url=platform.settings.base_url,
        feed_path=path,
    )  # fmt: skip
    # The owner's own: never kept by a shared cache, never referred onward.
    headers = {"Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer"}
    return Response(content=body, media_type=ATOM_MEDIA_TYPE, headers=headers)


def _own(platform: PlatformDep, viewer: Viewer, watchlist_id: int) -> Watchlist:
    assert viewer.email is not None
    found = owned_watchlist(platform, viewer.email, watchlist_id)
    if found is None:
        raise HTTPException(404, "no such watchlist")
    return found


def _public(watchlist: Watchlist) -> WatchlistPublic:
    c = watchlist.criteria
    return WatchlistPublic(
        id=watchlist.id, name=watchlist.name,
        follows="event" if c.follows_events else "article",
        countries=list(c.countries), regions=list(c.regions),
        divisions=[d.key for d in c.divisions], actors=list(c.actors),
        event_types=list(c.event_types), event_subtypes=list(c.event_subtypes),
        authors=list(c.authors), article_types=list(c.article_types),
        query=c.search.text if c.search else None,
        email=watchlist.delivery.email.value, webhook=watchlist.delivery.webhook_url,
        atom_feed=watchlist.has_atom_token,
    )  # fmt: skip
