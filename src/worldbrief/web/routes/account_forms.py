"""What the signed-in pages of the account share: the reader (or a way to sign in) and a page
that carries its forms' CSRF token."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from worldbrief.services.platform import Platform
from worldbrief.services.sessions import SignedIn
from worldbrief.web.auth.csrf import csrf_token, remember_csrf
from worldbrief.web.routes.pages import render


def sign_in_first(request: Request) -> RedirectResponse:
    """To the sign-in page, and back here after it."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse("/login?" + urlencode({"next": target}), status_code=303)


def same_site_path(target: str) -> str:
    """``target`` when it is a path of this site, else the home page (as after signing in)."""
    if (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and not {"\r", "\n"} & set(target)
    ):
        return target
    return "/"


def require_reader(session: SignedIn | None) -> SignedIn:
    """The signed-in reader of a POST; a form sent without a session changes nothing."""
    if session is None:
        raise HTTPException(401, "Sign in to change your watchlists and notifications.")
    return session


def private_form_page(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """A signed-in page with forms: its CSRF token (bound to the session) in the context."""
    platform: Platform = request.app.state.platform
    token = csrf_token(request, platform.settings)
    response = render(request, template, {"csrf": token.value} | context, status_code)
    remember_csrf(response, token, request, platform.settings)
    return response
