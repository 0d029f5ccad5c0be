"""``/account/notifications``: a signed-in reader's alerts, newest first, with why each fired
and a link to what fired it; read one by one or all at once (POST, CSRF). What they show of
members-only articles is decided by the notifications service (the paywall's alert rule)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from worldbrief.domain.row_ids import MAX_ROW_ID
from worldbrief.services.notifications import mark_all_read, mark_read, notification_page
from worldbrief.web.auth.csrf import require_csrf
from worldbrief.web.deps import PlatformDep, RowIdPath, SignedInDep
from worldbrief.web.routes.account_forms import private_form_page, require_reader, sign_in_first
from worldbrief.web.watchlist_views import notification_row

router = APIRouter(include_in_schema=False)
CsrfChecked = Depends(require_csrf)
PATH = "/account/notifications"


@router.get(PATH, response_class=HTMLResponse)
def notifications_page(
    request: Request,
    platform: PlatformDep,
    session: SignedInDep,
    before: Annotated[int | None, Query(ge=1, le=MAX_ROW_ID)] = None,
) -> Response:
    if session is None:
        return sign_in_first(request)
    page = notification_page(platform, session.viewer, session.account.id, before)
    context = {
        "items": [notification_row(n) for n in page.items],
        "older_url": f"{PATH}?before={page.older_than}" if page.older_than else None,
        "first_page": before is None,
        "any_unread": any(n.unread for n in page.items),
        "page_title": "Notifications",
    }
    return private_form_page(request, "notifications.html", context)


@router.post(PATH + "/read", dependencies=[CsrfChecked])
def read_all(platform: PlatformDep, session: SignedInDep) -> Response:
    signed = require_reader(session)
    mark_all_read(platform, signed.account.id)
    return RedirectResponse(PATH, status_code=303)


@router.post(PATH + "/{alert_id}/read", dependencies=[CsrfChecked])
def read_one(platform: PlatformDep, session: SignedInDep, alert_id: RowIdPath) -> Response:
    signed = require_reader(session)
    if not mark_read(platform, signed.account.id, alert_id):
        raise HTTPException(404, "You have no notification with that number.")
    return RedirectResponse(f"{PATH}#notification-{alert_id}", status_code=303)
