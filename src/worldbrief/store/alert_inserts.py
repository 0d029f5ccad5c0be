"""Alerts written straight through the driver: a pass may record a hundred thousand at once,
and SQLAlchemy's per-row parameter processing would cost more than the database's own work.

``ON CONFLICT DO NOTHING`` on the unique (watchlist, kind, item) leaves what is recorded alone;
what was new is counted as the rows past the highest id before (callers hold the write lock,
so no other writer adds rows meanwhile; a skipped row may spend a PostgreSQL sequence value,
never a row).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.domain.watchlists import AlertMatch, Delivery, DeliveryState, EmailMode
from worldbrief.store.alert_tables import alerts

_COLUMNS = ("watchlist_id", "kind", "item_id", "article_id", "reasons", "seq", "created_at",
            "email_state", "webhook_state", "webhook_attempts")  # fmt: skip
_POSTGRES_TYPES = ("bigint", "text", "text", "text", "text", "bigint", "timestamptz", "text",
                   "text", "integer")  # fmt: skip
_ROWS_PER_CALL = 5000


def insert_alerts(
    conn: Connection, matches: Sequence[tuple[AlertMatch, Delivery]], now: datetime
) -> int:
    """Insert the alerts not recorded yet; returns how many were."""
    if not matches:
        return 0
    postgres = conn.dialect.name == "postgresql"
    rows = _rows(matches, now if postgres else _sqlite_time(now))
    before = conn.execute(sa.select(sa.func.max(alerts.c.id))).scalar() or 0
    conflict = "ON CONFLICT (watchlist_id, kind, item_id) DO NOTHING"
    names = ", ".join(_COLUMNS)
    # Names and types come from our table definition; values travel as parameters.
    if postgres:
        _copy_into_postgres(conn, rows, names, conflict)
    else:
        markers = ", ".join("?" for _ in _COLUMNS)
        sql = f"INSERT INTO alerts ({names}) VALUES ({markers}) {conflict}"  # noqa: S608
        for start in range(0, len(rows), _ROWS_PER_CALL):
            conn.exec_driver_sql(sql, rows[start : start + _ROWS_PER_CALL])
    counted = sa.select(sa.func.count()).select_from(alerts).where(alerts.c.id > before)
    return int(conn.execute(counted).scalar_one())


def _rows(matches: Sequence[tuple[AlertMatch, Delivery]], moment: object) -> list[tuple[Any, ...]]:
    texts: dict[object, str] = {}
    rows: list[tuple[Any, ...]] = []
    for match, delivery in matches:
        reasons = texts.get(match.reasons)
        if reasons is None:
            reasons = json.dumps([[r.facet.value, r.value] for r in match.reasons])
            texts[match.reasons] = reasons
        email = DeliveryState.OFF if delivery.email is EmailMode.OFF else DeliveryState.PENDING
        webhook = DeliveryState.PENDING if delivery.webhook_url else DeliveryState.OFF
        rows.append((match.watchlist_id, match.kind.value, match.item_id, match.article_id,
                     reasons, match.seq, moment, email.value, webhook.value, 0))  # fmt: skip
    return rows


def _sqlite_time(moment: datetime) -> str:
    """Naive UTC text, in the format SQLAlchemy reads back (``UtcDateTime``)."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _copy_into_postgres(
    conn: Connection, rows: list[tuple[Any, ...]], names: str, conflict: str
) -> None:
    """COPY into a temporary table, then one INSERT ... SELECT: a statement per row, or arrays
    of parameters, cost several times more for the rows of a busy pass."""
    columns = ", ".join(f"{n} {t}" for n, t in zip(_COLUMNS, _POSTGRES_TYPES, strict=True))
    conn.exec_driver_sql(f"CREATE TEMPORARY TABLE new_alerts ({columns}) ON COMMIT DROP")
    raw = conn.connection.driver_connection
    assert raw is not None
    with raw.cursor() as cursor, cursor.copy(f"COPY new_alerts ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    chosen = names.replace("reasons", "reasons::jsonb")
    conn.exec_driver_sql(
        f"INSERT INTO alerts ({names}) SELECT {chosen} FROM new_alerts {conflict}"  # noqa: S608
    )
    conn.exec_driver_sql("DROP TABLE new_alerts")
