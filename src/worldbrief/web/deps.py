"""Request dependencies: the platform the app was built with, and who is asking (a bearer
token, else a session cookie, else an anonymous reader)."""

from __future__ import annotations

import hmac
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request

from worldbrief.domain.row_ids import MAX_ROW_ID
from worldbrief.membership.roles import ANONYMOUS, Viewer
from worldbrief.services.accounts import accounts_of, viewer_for_token
from worldbrief.services.platform import Platform
from worldbrief.services.sessions import SignedIn, resume_session, sessions_of
from worldbrief.web.auth.cookies import SESSION_COOKIE, read_cookie


def get_platform(request: Request) -> Platform:
    platform: Platform = request.app.state.platform
    return platform


PlatformDep = Annotated[Platform, Depends(get_platform)]
# A path id of the API: ids the database cannot hold are refused (422) before any query.
RowIdPath = Annotated[
    int, Path(ge=1, le=MAX_ROW_ID, description=f"A positive id, at most {MAX_ROW_ID}")
]


def bearer_credentials(request: Request) -> str | None:
    """The credentials of an ``Authorization: Bearer ...`` header, else None."""
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    return credentials.strip() if scheme.lower() == "bearer" else None


def invalid_token() -> HTTPException:
    return HTTPException(
        401,
        "invalid or revoked API token",
        {"WWW-Authenticate": 'Bearer error="invalid_token"'},
    )


def signed_in(request: Request, platform: PlatformDep) -> SignedIn | None:
    """The account of the request's session cookie, resolved once per request.

    Kept on ``request.state`` so templates can show who is signed in."""
    if hasattr(request.state, "signed_in"):
        found: SignedIn | None = request.state.signed_in
        return found
    settings = platform.settings
    session_id = read_cookie(SESSION_COOKIE, request, settings)
    found = None
    if session_id is not None:
        lifetime = timedelta(days=settings.session_days)
        found = resume_session(sessions_of(platform), accounts_of(platform), session_id, lifetime)
    request.state.signed_in = found
    request.state.account_email = found.account.email if found else None
    return found


SignedInDep = Annotated[SignedIn | None, Depends(signed_in)]


def get_viewer(request: Request, platform: PlatformDep) -> Viewer:
    """A bearer token first: its account as it acts now (401 when the token is unknown or
    revoked). Else the session cookie's account; else anonymous. Other schemes, e.g. a proxy's
    Basic auth, stay anonymous."""
    presented = bearer_credentials(request)
    if presented is None:
        session = signed_in(request, platform)
        return session.viewer if session else ANONYMOUS
    write_token = platform.settings.api_write_token
    # The shared write token grants writing only; reading with it is anonymous reading.
    if write_token and hmac.compare_digest(presented.encode(), write_token.encode()):
        return ANONYMOUS
    viewer = viewer_for_token(accounts_of(platform), presented)
    if viewer is None:
        raise invalid_token()
    return viewer


ViewerDep = Annotated[Viewer, Depends(get_viewer)]


def token_account(request: Request, platform: PlatformDep) -> Viewer:
    """The bearer token's account, for the API that writes on a reader's behalf: 401 without
    a token (cookies do not count, so no cross-site form can write) or with the shared write
    token, which names no account."""
    if bearer_credentials(request) is None:
        raise HTTPException(
            401,
            "an API token is required (Authorization: Bearer ...)",
            {"WWW-Authenticate": "Bearer"},
        )
    viewer = get_viewer(request, platform)
    if viewer.email is None:
        raise HTTPException(
            401, "an account's API token is required", {"WWW-Authenticate": "Bearer"}
        )
    return viewer


TokenAccountDep = Annotated[Viewer, Depends(token_account)]
