"""Password reset by email: issue a single-use link, mail it, and spend it on a new password.

The link carries a random token; the store keeps only its SHA-256, for one hour. Unknown or
disabled addresses get no mail and no token, but the same token work, so the answer and its
timing look alike whether or not an account exists.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

from worldbrief.config import Settings
from worldbrief.domain.account import Account
from worldbrief.membership.emails import normalise_email
from worldbrief.membership.errors import MembershipInputError
from worldbrief.membership.passwords import hash_password
from worldbrief.store import AccountStore, SessionStore

log = logging.getLogger(__name__)

RESET_LIFETIME = timedelta(hours=1)
RESET_TOKEN_BYTES = 32
SMTP_TIMEOUT_SECONDS = 15.0
MAX_TOKEN_LENGTH = 200


class PasswordMismatchError(MembershipInputError):
    """The new password and its confirmation differ."""


class ResetLinkInvalidError(MembershipInputError):
    """The reset token is unknown, already used or expired."""


@dataclass(frozen=True, slots=True)
class IssuedReset:
    """A reset token for an account; ``token`` goes in the link and is never stored."""

    account: Account
    token: str


def resets_enabled(settings: Settings) -> bool:
    return bool(settings.smtp_host)


def hash_reset_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_reset(
    accounts: AccountStore, sessions: SessionStore, email: str, now: datetime
) -> IssuedReset | None:
    """A new reset token for the active account at ``email``; None for any other address."""
    token = secrets.token_urlsafe(RESET_TOKEN_BYTES)
    token_hash = hash_reset_token(token)  # computed either way, so both paths cost the same
    try:
        account = accounts.get_account(normalise_email(email))
    except MembershipInputError:
        account = None
    if account is None or account.disabled:
        return None
    sessions.create_reset(token_hash, account.id, now, now + RESET_LIFETIME)
    return IssuedReset(account=account, token=token)


def reset_link(settings: Settings, token: str) -> str:
    return f"{settings.base_url.rstrip('/')}/reset/{token}"


def reset_mail(settings: Settings, issued: IssuedReset) -> EmailMessage:
    site = settings.site_name
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = issued.account.email
    message["Subject"] = f"Reset your {site} password"
    minutes = int(RESET_LIFETIME.total_seconds() // 60)
    message.set_content(
        f"Someone asked to reset the password of your {site} account ({issued.account.email}).\n\n"
        f"To choose a new password, open this link within {minutes} minutes:\n\n"
        f"{reset_link(settings, issued.token)}\n\n"
        "The link works once. If you did not ask for it, ignore this message: your password "
        "stays as it is.\n"
    )
    return message


def send_mail(settings: Settings, message: EmailMessage) -> bool:
    """Send through the configured SMTP server; a failure is logged (never raised): False."""
    if not settings.smtp_host:
        log.error("cannot send %r: WORLDBRIEF_SMTP_HOST is not set", message["Subject"])
        return False
    server = f"{settings.smtp_host}:{settings.smtp_port}"
    try:
        with smtplib.SMTP(
            settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_SECONDS
        ) as smtp:
            if settings.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.smtp_username:
                smtp.login(settings.smtp_username, settings.smtp_password or "")
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as error:
        log.error(
            "password-reset mail to %s not sent: SMTP server %s failed: %s",
            message["To"], server, error or type(error).__name__,
        )  # fmt: skip
        return False
    return True


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
