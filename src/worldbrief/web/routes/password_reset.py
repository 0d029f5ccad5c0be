"""Password reset pages: ask for a link by email, then choose a new password with it.

``POST /reset`` answers the same whatever the address, does the same work for each, and mails
after the response is sent, so neither the page nor its timing tells which accounts exist.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from worldbrief.domain.audit import AuditNote
from worldbrief.membership.errors import MembershipInputError
from worldbrief.services import password_reset as resets
from worldbrief.services.login_throttle import LoginThrottle, throttle_keys
from worldbrief.services.mail import send_mail
from worldbrief.services.sessions import now_utc, sessions_of
from worldbrief.web.auth.cookies import SESSION_COOKIE, clear_cookie
from worldbrief.web.auth.csrf import require_csrf
from worldbrief.web.deps import PlatformDep
from worldbrief.web.routes.account import client_of, form_page, too_many

router = APIRouter(include_in_schema=False)
CsrfChecked = Depends(require_csrf)
LINK_SENT = (
    "If an account exists for that address, we have sent a link to reset its password. "
    "It works once, within an hour."
)
LINK_INVALID = "This reset link has expired or was already used. Ask for a new one."


def _private(response: Response) -> Response:
    # The reset pages carry a live token in the URL: keep it out of caches and referrers.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _request_page(
    request: Request, platform: PlatformDep, context: dict[str, Any], status_code: int = 200
) -> Response:
    base = {"enabled": resets.resets_enabled(platform.settings), "email": "", "sent": None,
            "error": None, "page_title": "Reset your password"}  # fmt: skip
    return _private(form_page(request, "reset_request.html", base | context, status_code))


@router.get("/reset", response_class=HTMLResponse)
def reset_request_page(request: Request, platform: PlatformDep) -> Response:
    return _request_page(request, platform, {})


@router.post("/reset", dependencies=[CsrfChecked])
def request_reset(
    request: Request,
    platform: PlatformDep,
    background: BackgroundTasks,
    email: Annotated[str, Form(max_length=320)] = "",
) -> Response:
    settings = platform.settings
    if not resets.resets_enabled(settings):
        return _request_page(request, platform, {}, status_code=503)
    sessions = sessions_of(platform)
    throttle = LoginThrottle.from_settings(sessions, settings)
    keys = tuple(f"reset:{key}" for key in throttle_keys(email, client_of(request)))
    now = now_utc()
    wait = throttle.retry_after(keys, now)
    if wait is not None:
        return too_many(request, wait, "reset requests")
    subject = email.strip().lower()[:320] or "(empty)"
    note = AuditNote(f"web:{client_of(request)}", "password.reset.requested", subject)
    throttle.record_failure(keys, now, note)  # every request counts towards the limit
    issued = resets.issue_reset(sessions, email, now)
    message = resets.reset_mail(settings, issued)
    if message is not None:  # after the response, whichever message it is
        background.add_task(send_mail, settings, message, resets.MAIL_PURPOSE)
    return _request_page(request, platform, {"sent": LINK_SENT})


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:]


def _password_page(
    request: Request, token: str, context: dict[str, Any], status_code: int = 200
) -> Response:
    base = {"token": token, "valid": True, "done": False, "error": None,
            "page_title": "Choose a new password"}  # fmt: skip
    return _private(form_page(request, "reset_password.html", base | context, status_code))


@router.get("/reset/{token}", response_class=HTMLResponse)
def reset_password_page(request: Request, platform: PlatformDep, token: str) -> Response:
    if resets.account_for_reset(sessions_of(platform), token, now_utc()) is None:
        return _password_page(request, token, {"valid": False, "error": LINK_INVALID}, 400)
    return _password_page(request, token, {})


@router.post("/reset/{token}", dependencies=[CsrfChecked])
def reset_password(
    request: Request,
    platform: PlatformDep,
    token: str,
    password: Annotated[str, Form(max_length=1024)] = "",
    password_confirm: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    try:
        resets.complete_reset(
            sessions_of(platform), token, password, password_confirm,
            actor=f"web:{client_of(request)}", now=now_utc(),
        )  # fmt: skip
    except resets.ResetLinkInvalidError:
        return _password_page(request, token, {"valid": False, "error": LINK_INVALID}, 400)
    except MembershipInputError as error:
        return _password_page(request, token, {"error": _sentence(str(error))}, 400)
    # Every session, this browser's included, ended with the reset: sign in afresh.
    response = _password_page(request, token, {"done": True})
    clear_cookie(response, SESSION_COOKIE, request, platform.settings)
    return response
