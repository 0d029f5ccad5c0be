"""The cookies of web sign-in: flags, names and whether the site is served over HTTPS.

Over HTTPS the names carry the ``__Host-`` prefix, which browsers accept only from this exact
host over a secure connection, so no sibling subdomain can plant one.
"""

from __future__ import annotations

from datetime import timedelta

from fastapi import Request, Response

from worldbrief.config import Settings

SESSION_COOKIE = "wb_session"
CSRF_COOKIE = "wb_csrf"
_HOST_PREFIX = "__Host-"


def served_over_https(request: Request, settings: Settings) -> bool:
    return request.url.scheme == "https" or settings.base_url.lower().startswith("https://")


def cookie_name(base: str, request: Request, settings: Settings) -> str:
    return f"{_HOST_PREFIX}{base}" if served_over_https(request, settings) else base


def read_cookie(base: str, request: Request, settings: Settings) -> str | None:
    return request.cookies.get(cookie_name(base, request, settings)) or None


def set_cookie(
    response: Response,
    base: str,
    value: str,
    request: Request,
    settings: Settings,
    max_age: timedelta | None = None,
) -> None:
    response.set_cookie(
        cookie_name(base, request, settings),
        value,
        max_age=int(max_age.total_seconds()) if max_age else None,
        path="/",
        secure=served_over_https(request, settings),
        httponly=True,
        samesite="lax",
    )


def clear_cookie(response: Response, base: str, request: Request, settings: Settings) -> None:
    response.delete_cookie(
        cookie_name(base, request, settings),
        path="/",
        secure=served_over_https(request, settings),
        httponly=True,
        samesite="lax",
    )
