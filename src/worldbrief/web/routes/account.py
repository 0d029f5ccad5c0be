"""Sign-in pages: login, logout, sign-up and the account page (preferences and API tokens).

Every POST checks its CSRF token first (``require_csrf``). Failed logins, unknown emails and
wrong passwords all get the same page, and sign-up answers the same for a new address and a
known one, so no page tells which accounts exist. Sign-in and sign-up are rate limited per
client address and per email.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from worldbrief.domain.account import Account
from worldbrief.domain.audit import AuditNote
from worldbrief.domain.errors import TokenNotFoundError
from worldbrief.membership.effective_role import membership_ends
from worldbrief.membership.errors import MembershipInputError
from worldbrief.services import accounts as membership
from worldbrief.services import signup as signups
from worldbrief.services.login_throttle import LoginThrottle, throttle_keys
from worldbrief.services.mail import mail_enabled, send_mail
from worldbrief.services.password_reset import resets_enabled
from worldbrief.services.platform import Platform
from worldbrief.services.sessions import (
    SignedIn,
    end_all_sessions,
    end_session,
    now_utc,
    sessions_of,
    start_session,
)
from worldbrief.web.auth.cookies import SESSION_COOKIE, clear_cookie, set_cookie
from worldbrief.web.auth.csrf import csrf_token, remember_csrf, require_csrf
from worldbrief.web.deps import PlatformDep, SignedInDep
from worldbrief.web.routes import account_notifications, account_watchlists, follow
from worldbrief.web.routes.pages import render
from worldbrief.web.views import membership_summary

router = APIRouter(include_in_schema=False)
# The reader's watchlists, notifications and the pages' Follow buttons: signed-in pages too.
router.include_router(account_watchlists.router)
router.include_router(account_notifications.router)
router.include_router(follow.router)
CsrfChecked = Depends(require_csrf)
LOGIN_FAILED = "That email and password do not match an account. Check both and try again."
# One answer for every address, known or not: see docs/membership.md.
SIGNUP_MAILED = (
    "Check your inbox: we have sent a message to {email}. Open the link in it within 24 hours "
    "to finish creating your account."
)
SIGNUP_RECORDED = (
    "Thank you. Sign in with {email} and your password to continue. If the address already "
    "had an account here, its password is unchanged."
)
SIGNUP_LINK_INVALID = "This sign-up link has expired or was already used. Sign up again."


def safe_next(target: str) -> str:
    """A same-site path to go to after signing in; anything else goes home."""
    if target.startswith("/") and not target.startswith(("//", "/\\")) and "\n" not in target:
        return target
    return "/"


def client_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def form_page(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """A page with forms: its CSRF token in the context and, if new, its cookie."""
    settings = _platform(request).settings
    token = csrf_token(request, settings)
    response = render(request, template, {"csrf": token.value} | context, status_code)
    remember_csrf(response, token, request, settings)
    return response


def _platform(request: Request) -> Platform:
    platform: Platform = request.app.state.platform
    return platform


def _signed_in_response(
    request: Request, platform: Platform, signed: Account, target: str
) -> Response:
    lifetime = timedelta(days=platform.settings.session_days)
    session_id = start_session(sessions_of(platform), signed, lifetime, client=client_of(request))
    response = RedirectResponse(safe_next(target), status_code=303)
    set_cookie(response, SESSION_COOKIE, session_id, request, platform.settings, lifetime)
    return response


def _require_signed_in(session: SignedIn | None) -> SignedIn:
    if session is None:
        raise HTTPException(401, "Sign in to see your account.")
    return session


def _login_form(request: Request, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    # "Forgot your password?" only where a reset can actually be mailed.
    offers_reset = resets_enabled(_platform(request).settings)
    extra = {"page_title": "Sign in", "resets_enabled": offers_reset}
    return form_page(request, "login.html", context | extra, status_code)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    context = {"next": safe_next(next), "email": "", "error": None}
    return _login_form(request, context)


@router.post("/login", dependencies=[CsrfChecked])
def login(
    request: Request,
    platform: PlatformDep,
    email: Annotated[str, Form(max_length=320)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    throttle = LoginThrottle.from_settings(sessions_of(platform), platform.settings)
    keys = throttle_keys(email, client_of(request))
    now = now_utc()
    wait = throttle.retry_after(keys, now)
    if wait is not None:
        return too_many(request, wait, "failed sign-ins")
    account = membership.authenticate_password(membership.accounts_of(platform), email, password)
    if account is None:
        subject = email.strip().lower()[:320] or "(empty)"
        throttle.record_failure(
            keys, now, AuditNote(f"web:{client_of(request)}", "login.failed", subject)
        )
        context = {"next": safe_next(next), "email": email, "error": LOGIN_FAILED}
        return _login_form(request, context, status_code=400)
    throttle.forget(keys[0], now)
    return _signed_in_response(request, platform, account, next)


@router.get("/logout", response_class=HTMLResponse)
def logout_page() -> Response:
    # Logging out changes state, so it takes the POST form on the account page.
    return RedirectResponse("/account#sign-out", status_code=303)


@router.post("/logout", dependencies=[CsrfChecked])
def logout(request: Request, platform: PlatformDep, session: SignedInDep) -> Response:
    if session is not None:
        end_session(sessions_of(platform), session, client=client_of(request))
    response = RedirectResponse("/", status_code=303)
    clear_cookie(response, SESSION_COOKIE, request, platform.settings)
    return response


@router.post("/logout-everywhere", dependencies=[CsrfChecked])
def logout_everywhere(request: Request, platform: PlatformDep, session: SignedInDep) -> Response:
    signed = _require_signed_in(session)
    end_all_sessions(sessions_of(platform), signed.account, client=client_of(request))
    response = RedirectResponse("/", status_code=303)
    clear_cookie(response, SESSION_COOKIE, request, platform.settings)
    return response


@router.get("/signup", response_class=HTMLResponse)
def signup_page(request: Request) -> HTMLResponse:
    return form_page(request, "signup.html", {"email": "", "error": None, "sent": None,
                                              "page_title": "Sign up"})  # fmt: skip


@router.post("/signup", dependencies=[CsrfChecked])
def signup(
    request: Request,
    platform: PlatformDep,
    background: BackgroundTasks,
    email: Annotated[str, Form(max_length=320)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    """The same answer and the same work whether or not the address has an account."""
    settings = platform.settings
    sessions = sessions_of(platform)
    throttle = LoginThrottle.from_settings(sessions, settings)
    keys = tuple(f"signup:{key}" for key in throttle_keys(email, client_of(request)))
    now = now_utc()
    wait = throttle.retry_after(keys, now)
    if wait is not None:
        return too_many(request, wait, "sign-up attempts")
    actor = f"web:{client_of(request)}"
    subject = email.strip().lower()[:320] or "(empty)"
    throttle.record_failure(keys, now, AuditNote(actor, "signup.requested", subject))
    try:
        message = signups.request_signup(
            membership.accounts_of(platform), sessions, settings, email, password,
            actor=actor, now=now,
        )  # fmt: skip
    except MembershipInputError as error:
        context = {"email": email, "error": str(error), "sent": None, "page_title": "Sign up"}
        return form_page(request, "signup.html", context, status_code=400)
    if message is not None:
        background.add_task(send_mail, settings, message, signups.MAIL_PURPOSE)
    answer = SIGNUP_MAILED if mail_enabled(settings) else SIGNUP_RECORDED
    context = {"email": "", "error": None, "page_title": "Sign up",
               "sent": answer.format(email=email.strip().lower())}  # fmt: skip
    return form_page(request, "signup.html", context)


def _no_store(response: Response) -> Response:
    # The confirmation pages carry a live token in the URL: keep it out of caches and referrers.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _confirm_page(
    request: Request, token: str, context: dict[str, Any], status_code: int = 200
) -> Response:
    base = {"token": token, "valid": True, "email": "", "error": None, "existing": False,
            "page_title": "Confirm your account"}  # fmt: skip
    return _no_store(form_page(request, "signup_confirm.html", base | context, status_code))


@router.get("/signup/confirm/{token}", response_class=HTMLResponse)
def signup_confirm_page(request: Request, platform: PlatformDep, token: str) -> Response:
    # Opening the link changes nothing (mail scanners open links); the button does.
    address = signups.signup_address(sessions_of(platform), token, now_utc())
    if address is None:
        return _confirm_page(request, token, {"valid": False, "error": SIGNUP_LINK_INVALID}, 400)
    return _confirm_page(request, token, {"email": address})


@router.post("/signup/confirm/{token}", dependencies=[CsrfChecked])
def signup_confirm(request: Request, platform: PlatformDep, token: str) -> Response:
    confirmed = signups.confirm_signup(
        sessions_of(platform), token, actor=f"web:{client_of(request)}", now=now_utc()
    )
    if confirmed is None:
        return _confirm_page(request, token, {"valid": False, "error": SIGNUP_LINK_INVALID}, 400)
    account, created = confirmed
    if not created:
        return _confirm_page(request, token, {"valid": False, "existing": True})
    return _no_store(_signed_in_response(request, platform, account, "/account"))


def too_many(request: Request, wait: int, what: str) -> HTMLResponse:
    """429 with ``Retry-After``: too many ``what`` from this client or for this address."""
    minutes = max(1, round(wait / 60))
    message = f"Too many {what}. Try again in about {minutes} minute(s)."
    context = {"status": 429, "message": message, "page_title": "429"}
    response = render(request, "error.html", context, status_code=429)
    response.headers["Retry-After"] = str(wait)
    return response


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request, platform: PlatformDep, session: SignedInDep) -> HTMLResponse:
    signed = _require_signed_in(session)
    return _account_view(request, platform, signed, new_token=None)


def _account_view(
    request: Request, platform: Platform, signed: SignedIn, new_token: str | None
) -> HTMLResponse:
    accounts = membership.accounts_of(platform)
    account = signed.account
    subscriptions = accounts.subscriptions_of(account.id)
    now = now_utc()
    plans = {p.id: p for p in accounts.list_plans()}
    current = next((s for s in subscriptions if s.active_at(now)), None)
    plan = plans.get(current.plan_id) if current else None
    until = membership_ends(subscriptions, now)
    context = {
        "account": account,
        "membership": membership_summary(account.role, plan.name if plan else None, until),
        "is_member": plan is not None and until is not None,
        "newsletter": sessions_of(platform).newsletter(account.id),
        "tokens": accounts.tokens_of(account.email),
        "new_token": new_token,
        "page_title": "Your account",
    }
    return form_page(request, "account.html", context)


@router.post("/account/newsletter", dependencies=[CsrfChecked])
def set_newsletter(
    platform: PlatformDep,
    session: SignedInDep,
    newsletter: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    signed = _require_signed_in(session)
    sessions_of(platform).set_newsletter(signed.account.id, newsletter == "on")
    return RedirectResponse("/account", status_code=303)


@router.post("/account/tokens", dependencies=[CsrfChecked], response_class=HTMLResponse)
def create_token(
    request: Request,
    platform: PlatformDep,
    session: SignedInDep,
    name: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    signed = _require_signed_in(session)
    actor = f"account:{signed.account.email}"
    try:
        _, plaintext = membership.create_api_token(
            membership.accounts_of(platform), signed.account.email, name, actor=actor
        )
    except MembershipInputError as error:
        raise HTTPException(400, f"Token name: {error}") from None
    # Shown on this response only; the store keeps its hash.
    return _account_view(request, platform, signed, new_token=plaintext)


@router.post("/account/tokens/{token_id}/revoke", dependencies=[CsrfChecked])
def revoke_token(platform: PlatformDep, session: SignedInDep, token_id: int) -> Response:
    signed = _require_signed_in(session)
    accounts = membership.accounts_of(platform)
    if token_id not in {t.id for t in accounts.tokens_of(signed.account.email)}:
        raise HTTPException(404, "You have no API token with that id.")
    try:
        membership.revoke_api_token(accounts, token_id, actor=f"account:{signed.account.email}")
    except TokenNotFoundError:
        raise HTTPException(404, "You have no API token with that id.") from None
    return RedirectResponse("/account", status_code=303)
