"""The change log: every write appends ``(seq, article_id, op)``; derived data reads it in order."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.store.records import Change, ChangeOp
from worldbrief.store.schema import changes


def append_changes(
    conn: Connection, entries: Sequence[tuple[str, ChangeOp]], at: datetime
) -> list[int]:
    """Append entries in the order given and return their sequence numbers, in that order."""
    if not entries:
        return []
    stmt = sa.insert(changes).returning(changes.c.seq, sort_by_parameter_order=True)
    rows = [{"article_id": article_id, "op": op, "at": at} for article_id, op in entries]
    return list(conn.execute(stmt, rows).scalars())


def max_seq(conn: Connection) -> int:
    return int(conn.execute(sa.select(sa.func.max(changes.c.seq))).scalar() or 0)


def changes_since(conn: Connection, seq: int, limit: int) -> list[Change]:
    if limit < 1:
        raise ValueError(f"limit must be 1 or more, got {limit}")
    stmt = (
        sa.select(changes.c.seq, changes.c.article_id, changes.c.op)
        .where(changes.c.seq > seq)
        .order_by(changes.c.seq)
        .limit(limit)
    )
    return [Change(int(s), article_id, op) for s, article_id, op in conn.execute(stmt)]
