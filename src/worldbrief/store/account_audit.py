"""The append-only audit log: written in the same transaction as the change it records."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.domain.account import AuditEvent
from worldbrief.store.account_rows import event_of
from worldbrief.store.schema import audit_events


def append_event(
    conn: Connection, *, at: datetime, actor: str, action: str, subject: str, detail: str = ""
) -> None:
    conn.execute(
        sa.insert(audit_events).values(
            at=at, actor=actor, action=action, subject=subject, detail=detail
        )
    )


def list_events(conn: Connection, subject: str | None, limit: int) -> list[AuditEvent]:
    """The newest ``limit`` events (of ``subject`` when given), oldest first."""
    query = sa.select(audit_events).order_by(audit_events.c.seq.desc()).limit(limit)
    if subject is not None:
        query = query.where(audit_events.c.subject == subject)
    return [event_of(row) for row in reversed(conn.execute(query).mappings().all())]
