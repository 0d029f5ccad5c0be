"""Web sign-in: sessions kept server-side, found by the SHA-256 of a random id.

The browser holds the 32-byte id in a cookie; the store holds only its hash, so reading the
table never yields a usable cookie. Sessions slide: use extends them, at most once an hour.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from worldbrief.domain.account import Account
from worldbrief.membership.effective_role import viewer_for
from worldbrief.membership.roles import Viewer
from worldbrief.services.platform import Platform
from worldbrief.store import AccountStore, AuditNote, SessionStore

SESSION_ID_BYTES = 32
# How stale expires_at may get before a visit writes a new one: rare writes, still sliding.
EXTEND_RESOLUTION = timedelta(hours=1)


def sessions_of(platform: Platform) -> SessionStore:
    return SessionStore.alongside(platform.store)


def now_utc() -> datetime:
    return datetime.now(UTC)


def hash_session_id(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class SignedIn:
    """Whom a session cookie signs in, and the viewer that account acts as now."""

    account: Account
    viewer: Viewer
    session_id: str  # the cookie's value (the caller already holds it)


def start_session(
    sessions: SessionStore, account: Account, lifetime: timedelta, *, client: str
) -> str:
    """A new session for ``account``; returns the id to set as the cookie (never stored)."""
    session_id = secrets.token_urlsafe(SESSION_ID_BYTES)
    moment = now_utc()
    note = AuditNote(f"web:{client}", "login.succeeded", account.email)
    sessions.create_session(
        hash_session_id(session_id), account.id, moment, moment + lifetime, note
    )
    return session_id


def resume_session(
    sessions: SessionStore,
    accounts: AccountStore,
    session_id: str,
    lifetime: timedelta,
    now: datetime | None = None,
) -> SignedIn | None:
    """The signed-in account of an unexpired session of an enabled account, else None;
    extends the session."""
    if not session_id or len(session_id) > 200:
        return None
    moment = now or now_utc()
    id_hash = hash_session_id(session_id)
    found = sessions.session(id_hash, moment)
    if found is None:
        return None
    session, account = found
    if account.disabled:  # checked on every request, whatever ended (or not) its sessions
        return None
    if moment - session.last_seen_at >= EXTEND_RESOLUTION:
        sessions.extend_session(id_hash, moment, moment + lifetime)
    viewer = viewer_for(account, accounts.subscriptions_of(account.id), moment)
    return SignedIn(account=account, viewer=viewer, session_id=session_id)


def end_session(sessions: SessionStore, signed_in: SignedIn, *, client: str) -> None:
    note = AuditNote(f"web:{client}", "logout", signed_in.account.email)
    sessions.revoke_session(hash_session_id(signed_in.session_id), now_utc(), note)


def end_all_sessions(sessions: SessionStore, account: Account, *, client: str) -> int:
    """Log out everywhere; how many sessions ended."""
    note = AuditNote(f"web:{client}", "logout.everywhere", account.email)
    return sessions.revoke_all_sessions(account.id, now_utc(), note)
