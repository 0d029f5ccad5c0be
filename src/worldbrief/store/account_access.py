"""Ending an account's access at once: its web sessions, API tokens and unused reset links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.store.schema import api_tokens, password_resets, web_sessions


@dataclass(frozen=True, slots=True)
class EndedAccess:
    sessions: int
    tokens: int

    def describe(self) -> str:
        return f"ended {self.sessions} session(s), revoked {self.tokens} API token(s)"


def end_access(conn: Connection, account_id: int, now: datetime) -> EndedAccess:
    """Runs in the caller's transaction, with the change that requires it."""
    sessions = conn.execute(sa.delete(web_sessions).where(web_sessions.c.account_id == account_id))
    tokens = conn.execute(
        sa.update(api_tokens)
        .where(api_tokens.c.account_id == account_id, api_tokens.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    conn.execute(
        sa.update(password_resets)
        .where(password_resets.c.account_id == account_id, password_resets.c.used_at.is_(None))
        .values(used_at=now)
    )
    return EndedAccess(sessions=int(sessions.rowcount), tokens=int(tokens.rowcount))
