"""One-click unsubscribe from alert mail, with no sign-in: the signed token in the link is the
authority, and it can only turn off the email of the watchlists it was signed for.

``GET`` shows what the link would turn off and a button (a link opened by a mail scanner
changes nothing); ``POST`` turns it off. The POST is also what a mail client sends for the
``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` header (RFC 8058), from no page of this
site, so it carries no CSRF token: none is asked for.
"""

from __future__ import annotations

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response

from worldbrief.domain.watchlists import Watchlist
from worldbrief.services.alert_settings import unsubscribe, unsubscribe_targets
from worldbrief.web.deps import PlatformDep
from worldbrief.web.routes.pages import render

router = APIRouter(include_in_schema=False)
_TOKEN = Path(max_length=4000)
INVALID = "This unsubscribe link is not valid. Copy the whole link from the mail, or sign in."


def _page(request: Request, token: str, found: list[Watchlist] | None, done: bool) -> Response:
    context = {
        "page_title": "Stop alert emails",
        "token": token,
        "watchlists": found or [],
        "invalid": INVALID if found is None else None,
        "done": done,
    }
    response = render(request, "alert_unsubscribe.html", context, 404 if found is None else 200)
    # The token is a credential: keep it out of caches and referrers.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@router.get("/alerts/unsubscribe/{token}", response_class=HTMLResponse)
def unsubscribe_page(request: Request, platform: PlatformDep, token: str = _TOKEN) -> Response:
    return _page(request, token, unsubscribe_targets(platform, token), done=False)


@router.post("/alerts/unsubscribe/{token}", response_class=HTMLResponse)
def unsubscribe_now(request: Request, platform: PlatformDep, token: str = _TOKEN) -> Response:
    return _page(request, token, unsubscribe(platform, token), done=True)
