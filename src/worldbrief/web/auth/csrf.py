"""CSRF protection for every form: a token only a page of this site can know.

Signed in, the token is an HMAC keyed by the session id (synchronizer token bound to the
session); anonymous, it is keyed by a random cookie set with the form (double submit). A forged
cross-site POST carries neither secret, so it gets 403.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from fastapi import HTTPException, Request, Response

from worldbrief.config import Settings
from worldbrief.web.auth.cookies import CSRF_COOKIE, SESSION_COOKIE, read_cookie, set_cookie

CSRF_FIELD = "csrf_token"
_PURPOSE = b"worldbrief form v1"
CSRF_REFUSED = (
    "This form has expired or did not come from this site, so nothing was changed. "
    "Go back, reload the page and try again."
)


@dataclass(frozen=True, slots=True)
class CsrfToken:
    value: str  # goes in the form's hidden field
    new_cookie: str | None  # set it on the response when the browser has none yet


def _token_for(secret: str) -> str:
    return hmac.new(secret.encode(), _PURPOSE, hashlib.sha256).hexdigest()


def _secret_of(request: Request, settings: Settings) -> str | None:
    return read_cookie(SESSION_COOKIE, request, settings) or read_cookie(
        CSRF_COOKIE, request, settings
    )


def csrf_token(request: Request, settings: Settings) -> CsrfToken:
    secret = _secret_of(request, settings)
    if secret is not None:
        return CsrfToken(_token_for(secret), None)
    fresh = secrets.token_urlsafe(32)
    return CsrfToken(_token_for(fresh), fresh)


def remember_csrf(
    response: Response, token: CsrfToken, request: Request, settings: Settings
) -> None:
    if token.new_cookie is not None:
        set_cookie(response, CSRF_COOKIE, token.new_cookie, request, settings)


async def require_csrf(request: Request) -> None:
    """Dependency of every POST route of the site; 403 with a readable page on a bad token."""
    settings: Settings = request.app.state.platform.settings
    submitted = (await request.form()).get(CSRF_FIELD)
    secret = _secret_of(request, settings)
    if (
        not isinstance(submitted, str)
        or secret is None
        or not hmac.compare_digest(submitted.encode(), _token_for(secret).encode())
    ):
        raise HTTPException(403, CSRF_REFUSED)
