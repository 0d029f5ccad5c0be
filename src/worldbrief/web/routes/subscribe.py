"""``/subscribe``: the plans on offer, and a signed-in reader's way to start one.

Anonymous readers get one page for all (no form, no cookie, so it may be shared by caches) that
asks them to sign in first; a signed-in reader gets a form per plan, with its CSRF token.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from worldbrief.membership.roles import FULL_ACCESS_ROLES
from worldbrief.services.subscribe import (
    CheckoutUnavailableError,
    start_subscription,
    subscribe_offer,
)
from worldbrief.web.auth.csrf import require_csrf
from worldbrief.web.deps import PlatformDep, SignedInDep
from worldbrief.web.routes.account import form_page
from worldbrief.web.routes.pages import render

router = APIRouter(include_in_schema=False)


@router.get("/subscribe", response_class=HTMLResponse)
def subscribe_page(request: Request, platform: PlatformDep, session: SignedInDep) -> HTMLResponse:
    context = {
        "offer": subscribe_offer(platform),
        "signed_in": session is not None,
        "has_access": session is not None and session.viewer.role in FULL_ACCESS_ROLES,
        "page_title": "Subscribe",
    }
    if session is None:
        return render(request, "subscribe.html", context)
    return form_page(request, "subscribe.html", context)


@router.post("/subscribe", dependencies=[Depends(require_csrf)])
def start(
    platform: PlatformDep,
    session: SignedInDep,
    plan: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    if session is None:
        return RedirectResponse("/login?next=/subscribe", status_code=303)
    try:
        checkout = start_subscription(platform, session.account, plan)
    except CheckoutUnavailableError as error:
        raise HTTPException(400, f"We could not start that subscription: {error}.") from None
    return RedirectResponse(checkout, status_code=303)
