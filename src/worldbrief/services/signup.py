"""Sign-up that tells no one whether an address already has an account.

Every request does the same work (the password hashed, one statement sequence in the store)
and gets the same answer. With a mail server, a new address gets a link that creates the
account when opened, and a known one a note that it already has an account. Without one, the
account is created at once if the address is new, and nothing changes if it is not; the
reader then signs in. See docs/membership.md for what each choice defends.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from email.message import EmailMessage

from worldbrief.config import Settings
from worldbrief.domain.account import Account, Role
from worldbrief.membership.emails import normalise_email
from worldbrief.membership.passwords import hash_password
from worldbrief.services.mail import mail_enabled, new_message
from worldbrief.store import AccountStore, SessionStore

SIGNUP_LIFETIME = timedelta(hours=24)
SIGNUP_TOKEN_BYTES = 32
MAX_TOKEN_LENGTH = 200
MAIL_PURPOSE = "sign-up"


def hash_signup_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def signup_link(settings: Settings, token: str) -> str:
    return f"{settings.base_url.rstrip('/')}/signup/confirm/{token}"


def request_signup(
    accounts: AccountStore,
    sessions: SessionStore,
    settings: Settings,
    email: str,
    password: str,
    *,
    actor: str,
    now: datetime,
) -> EmailMessage | None:
    """Take a sign-up; the message to send after the response, if mail is set up.

    Raises MembershipInputError (an implausible email, a weak password) before the store is
    asked anything, so those refusals cannot tell either."""
    address = normalise_email(email)
    password_hash = hash_password(password)
    if not mail_enabled(settings):
        accounts.create_account_if_new(
            address, password_hash, Role.REGISTERED, actor=actor, now=now
        )
        return None
    token = secrets.token_urlsafe(SIGNUP_TOKEN_BYTES)
    expires_at = now + SIGNUP_LIFETIME
    existing = sessions.create_signup(
        hash_signup_token(token), address, password_hash, now, expires_at
    )
    if existing is not None:
        return _already_mail(settings, address)
    return _confirmation_mail(settings, address, token)


def signup_address(sessions: SessionStore, token: str, now: datetime) -> str | None:
    """The address an unused, unexpired sign-up link confirms, else None."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return sessions.signup_email(hash_signup_token(token), now)


def confirm_signup(
    sessions: SessionStore, token: str, *, actor: str, now: datetime
) -> tuple[Account, bool] | None:
    """Spend the link: the account and whether it was created now (False when the address got
    an account meanwhile); None for an unknown, used or expired link."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return sessions.use_signup(hash_signup_token(token), Role.REGISTERED, now, actor)


def _confirmation_mail(settings: Settings, address: str, token: str) -> EmailMessage:
    site = settings.site_name
    hours = int(SIGNUP_LIFETIME.total_seconds() // 3600)
    text = (
        f"Someone asked to create a {site} account for this address ({address}).\n\n"
        f"To create it, open this link within {hours} hours:\n\n"
        f"{signup_link(settings, token)}\n\n"
        "If you did not ask for an account, ignore this message: none will be created.\n"
    )
    return new_message(settings, address, f"Confirm your {site} account", text)


def _already_mail(settings: Settings, address: str) -> EmailMessage:
    site = settings.site_name
    base = settings.base_url.rstrip("/")
    text = (
        f"Someone asked to create a {site} account for this address ({address}), but it "
        "already has one, so nothing was changed.\n\n"
        f"To sign in: {base}/login\n"
        f"If you forgot your password: {base}/reset\n\n"
        "If you did not ask, ignore this message.\n"
    )
    return new_message(settings, address, f"You already have a {site} account", text)
