"""``/account/watchlists``: a signed-in reader's watchlists, to create, edit and delete, and
each one's private Atom feed to issue, reissue or revoke.

Every POST checks its CSRF token first. Another reader's watchlist is a 404, as one that does
not exist. A value that cannot be followed is named beside its field, and nothing is saved.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from worldbrief.domain.watchlists import Watchlist
from worldbrief.services.sessions import SignedIn
from worldbrief.services.watchlists import (
    WatchlistInputError,
    WatchlistOwnerError,
    add_watchlist,
    issue_atom_token,
    list_watchlists,
    owned_watchlist,
    remove_watchlist,
    request_of,
    request_problems,
    revoke_atom_token,
    update_watchlist,
)
from worldbrief.services.webhook_status import enable_webhook, webhook_states
from worldbrief.web.auth.csrf import require_csrf
from worldbrief.web.deps import PlatformDep, RowIdPath, SignedInDep
from worldbrief.web.routes.account_forms import private_form_page, require_reader, sign_in_first
from worldbrief.web.watchlist_forms import EMAIL_MODES, MAX_FIELD, WatchlistForm, form_of
from worldbrief.web.watchlist_views import feed_url, watchlist_row

router = APIRouter(include_in_schema=False)
CsrfChecked = Depends(require_csrf)
LIST_PATH = "/account/watchlists"
_Field = Annotated[str, Form(max_length=MAX_FIELD)]


def _form(
    name: Annotated[str, Form(max_length=MAX_FIELD)] = "",
    countries: _Field = "",
    regions: _Field = "",
    divisions: _Field = "",
    actors: _Field = "",
    event_types: _Field = "",
    authors: _Field = "",
    article_types: _Field = "",
    query: _Field = "",
    email: Annotated[str, Form(max_length=20)] = "daily",
    webhook: _Field = "",
) -> WatchlistForm:
    return WatchlistForm(
        name=name, countries=countries, regions=regions, divisions=divisions, actors=actors,
        event_types=event_types, authors=authors, article_types=article_types, query=query,
        email=email, webhook=webhook,
    )  # fmt: skip


FormDep = Annotated[WatchlistForm, Depends(_form)]


def _list_page(
    request: Request,
    platform: PlatformDep,
    signed: SignedIn,
    *,
    form: WatchlistForm | None = None,
    new_feed: tuple[int, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    try:
        found = list_watchlists(platform, signed.account.email)
    except WatchlistOwnerError:
        found = []
    states = webhook_states(platform, found)
    context = {
        "watchlists": [watchlist_row(platform, w, states.get(w.id)) for w in found],
        "form": form or WatchlistForm(),
        "form_open": form is not None,
        "email_modes": EMAIL_MODES,
        "new_feed": new_feed,
        "page_title": "Your watchlists",
    }
    return private_form_page(request, "account_watchlists.html", context, status_code)


@router.get(LIST_PATH, response_class=HTMLResponse)
def watchlists_page(request: Request, platform: PlatformDep, session: SignedInDep) -> Response:
    if session is None:
        return sign_in_first(request)
    return _list_page(request, platform, session)


@router.post(LIST_PATH, dependencies=[CsrfChecked], response_class=HTMLResponse)
def create(
    request: Request, platform: PlatformDep, session: SignedInDep, form: FormDep
) -> Response:
    signed = require_reader(session)
    wanted = form.as_request()
    problems = request_problems(platform, wanted)
    if not problems:
        try:
            made = add_watchlist(platform, signed.account.email, wanted)
        except (WatchlistInputError, WatchlistOwnerError) as error:
            problems = {"": str(error)}
        else:
            return RedirectResponse(f"{LIST_PATH}#watchlist-{made.id}", status_code=303)
    invalid = dataclasses.replace(form, errors=problems)
    return _list_page(request, platform, signed, form=invalid, status_code=400)


def _owned(platform: PlatformDep, signed: SignedIn, watchlist_id: int) -> Watchlist:
    found = owned_watchlist(platform, signed.account.email, watchlist_id)
    if found is None:
        raise HTTPException(404, "You have no watchlist with that number.")
    return found


def _edit_page(
    request: Request, watchlist: Watchlist, form: WatchlistForm, status_code: int = 200
) -> HTMLResponse:
    context = {
        "watchlist": watchlist,
        "form": form,
        "email_modes": EMAIL_MODES,
        "page_title": f"Edit {watchlist.name}",
    }
    return private_form_page(request, "watchlist_edit.html", context, status_code)


@router.get(LIST_PATH + "/{watchlist_id}", response_class=HTMLResponse)
def edit_page(
    request: Request, platform: PlatformDep, session: SignedInDep, watchlist_id: RowIdPath
) -> Response:
    if session is None:
        return sign_in_first(request)
    found = _owned(platform, session, watchlist_id)
    return _edit_page(request, found, form_of(request_of(found)))


@router.post(LIST_PATH + "/{watchlist_id}", dependencies=[CsrfChecked])
def update(
    request: Request,
    platform: PlatformDep,
    session: SignedInDep,
    watchlist_id: RowIdPath,
    form: FormDep,
) -> Response:
    signed = require_reader(session)
    found = _owned(platform, signed, watchlist_id)
    wanted = form.as_request()
    problems = request_problems(platform, wanted)
    if not problems:
        try:
            if update_watchlist(platform, signed.account.email, watchlist_id, wanted) is None:
                raise HTTPException(404, "You have no watchlist with that number.")
        except WatchlistInputError as error:
            problems = {"": str(error)}
        else:
            return RedirectResponse(f"{LIST_PATH}#watchlist-{watchlist_id}", status_code=303)
    invalid = dataclasses.replace(form, errors=problems)
    return _edit_page(request, found, invalid, status_code=400)


@router.post(LIST_PATH + "/{watchlist_id}/delete", dependencies=[CsrfChecked])
def delete(platform: PlatformDep, session: SignedInDep, watchlist_id: RowIdPath) -> Response:
    signed = require_reader(session)
    _owned(platform, signed, watchlist_id)
    remove_watchlist(platform, watchlist_id)
    return RedirectResponse(LIST_PATH, status_code=303)


@router.post(
    LIST_PATH + "/{watchlist_id}/feed", dependencies=[CsrfChecked], response_class=HTMLResponse
)
def issue_feed(
    request: Request, platform: PlatformDep, session: SignedInDep, watchlist_id: RowIdPath
) -> Response:
    """A new private feed URL (the old one stops working), shown on this answer only."""
    signed = require_reader(session)
    _owned(platform, signed, watchlist_id)
    token = issue_atom_token(platform, watchlist_id)
    if token is None:
        raise HTTPException(404, "You have no watchlist with that number.")
    shown = (watchlist_id, feed_url(platform.settings.base_url, token))
    response = _list_page(request, platform, signed, new_feed=shown)
    # The answer carries a secret URL: kept out of every cache and of referrers.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@router.post(LIST_PATH + "/{watchlist_id}/feed/revoke", dependencies=[CsrfChecked])
def revoke_feed(platform: PlatformDep, session: SignedInDep, watchlist_id: RowIdPath) -> Response:
    signed = require_reader(session)
    _owned(platform, signed, watchlist_id)
    revoke_atom_token(platform, watchlist_id)
    return RedirectResponse(f"{LIST_PATH}#watchlist-{watchlist_id}", status_code=303)


@router.post(LIST_PATH + "/{watchlist_id}/webhook-enable", dependencies=[CsrfChecked])
def enable_hook(platform: PlatformDep, session: SignedInDep, watchlist_id: RowIdPath) -> Response:
    """Try a disabled webhook again: its failures are cleared, its waiting alerts go next."""
    signed = require_reader(session)
    _owned(platform, signed, watchlist_id)
    enable_webhook(platform, watchlist_id)
    return RedirectResponse(f"{LIST_PATH}#watchlist-{watchlist_id}", status_code=303)
