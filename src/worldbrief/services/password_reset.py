"""Password reset by email: issue a single-use link, mail it, and spend it on a new password.

The link carries a random token; the store keeps only its SHA-256, for one hour. Every request
does the same work whatever the address: one token, one stored row (usable only for an enabled
account) and one mail queued for after the response (a reset link, or a note that the address
has no account, or that its account is disabled). So neither the answer nor its timing tells
which accounts exist; only the mailbox's owner learns it.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

from worldbrief.config import Settings
from worldbrief.domain.account import Account
from worldbrief.membership.emails import normalise_email
from worldbrief.membership.errors import MembershipInputError
from worldbrief.membership.passwords import hash_password
from worldbrief.services.mail import mail_enabled, new_message
from worldbrief.store import SessionStore

RESET_LIFETIME = timedelta(hours=1)
RESET_TOKEN_BYTES = 32
MAX_TOKEN_LENGTH = 200
MAIL_PURPOSE = "password-reset"


class PasswordMismatchError(MembershipInputError):
    """The new password and its confirmation differ."""


class ResetLinkInvalidError(MembershipInputError):
    """The reset token is unknown, already used or expired."""


@dataclass(frozen=True, slots=True)
class IssuedReset:
    """A reset request: ``token`` goes in the link (never stored); ``account`` is the one at
    ``email``, if any, and the token opens it only when it is enabled."""

    email: str
    account: Account | None
    token: str

    @property
    def usable(self) -> bool:
        return self.account is not None and not self.account.disabled


def resets_enabled(settings: Settings) -> bool:
    return mail_enabled(settings)


def hash_reset_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_reset(sessions: SessionStore, email: str, now: datetime) -> IssuedReset:
    """Record a reset request for ``email``; the same work for every address."""
    token = secrets.token_urlsafe(RESET_TOKEN_BYTES)
    try:
        address = normalise_email(email)
    except MembershipInputError:
        address = email.strip().lower()[:320]
    account = sessions.create_reset(hash_reset_token(token), address, now, now + RESET_LIFETIME)
    return IssuedReset(email=address, account=account, token=token)


def reset_link(settings: Settings, token: str) -> str:
    return f"{settings.base_url.rstrip('/')}/reset/{token}"


def reset_mail(settings: Settings, issued: IssuedReset) -> EmailMessage | None:
    """The message for the request's address; None when the address cannot take mail."""
    try:
        address = normalise_email(issued.email)
    except MembershipInputError:
        return None
    site = settings.site_name
    subject = f"Reset your {site} password"
    if issued.usable:
        minutes = int(RESET_LIFETIME.total_seconds() // 60)
        text = (
            f"Someone asked to reset the password of your {site} account ({address}).\n\n"
            f"To choose a new password, open this link within {minutes} minutes:\n\n"
            f"{reset_link(settings, issued.token)}\n\n"
            "The link works once. If you did not ask for it, ignore this message: your "
            "password stays as it is.\n"
        )
    elif issued.account is not None:
        text = (
            f"Someone asked to reset the password of the {site} account of this address "
            f"({address}), but that account is disabled, so no link was made. If it is yours, "
            f"ask the administrator of {site} about it.\n"
        )
    else:
        text = (
            f"Someone asked to reset the password of a {site} account at this address "
            f"({address}), but no account uses it. If you have an account, it may be under "
            "another address. If you did not ask, ignore this message.\n"
        )
    return new_message(settings, address, subject, text)


def account_for_reset(sessions: SessionStore, token: str, now: datetime) -> Account | None:
    """The account an unused, unexpired token resets, else None."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return sessions.reset_account(hash_reset_token(token), now)


def complete_reset(
    sessions: SessionStore,
    token: str,
    password: str,
    password_confirm: str,
    *,
    actor: str,
    now: datetime,
) -> Account:
    """Set the new password and end every session of the account, spending the token.

    Raises ResetLinkInvalidError, PasswordMismatchError or WeakPasswordError."""
    if account_for_reset(sessions, token, now) is None:
        raise ResetLinkInvalidError("reset link: it has expired or was already used")
    if password != password_confirm:
        raise PasswordMismatchError("password confirmation: it does not match the new password")
    password_hash = hash_password(password)
    account = sessions.use_reset(hash_reset_token(token), password_hash, now, actor)
    if account is None:  # spent by a concurrent request between the two checks
        raise ResetLinkInvalidError("reset link: it has expired or was already used")
    return account
