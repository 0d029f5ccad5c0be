"""Request dependencies: the platform the app was built with, and who is asking."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from worldbrief.membership.roles import ANONYMOUS, Viewer
from worldbrief.services.accounts import accounts_of, viewer_for_token
from worldbrief.services.platform import Platform


def get_platform(request: Request) -> Platform:
    platform: Platform = request.app.state.platform
    return platform


PlatformDep = Annotated[Platform, Depends(get_platform)]


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


def get_viewer(request: Request, platform: PlatformDep) -> Viewer:
    """Anonymous without a bearer token; else the token's account as it acts now (401 when the
    token is unknown or revoked). Other schemes, e.g. a proxy's Basic auth, stay anonymous."""
    presented = bearer_credentials(request)
    if presented is None:
        return ANONYMOUS
    write_token = platform.settings.api_write_token
    # The shared write token grants writing only; reading with it is anonymous reading.
    if write_token and hmac.compare_digest(presented.encode(), write_token.encode()):
        return ANONYMOUS
    viewer = viewer_for_token(accounts_of(platform), presented)
    if viewer is None:
        raise invalid_token()
    return viewer


ViewerDep = Annotated[Viewer, Depends(get_viewer)]
