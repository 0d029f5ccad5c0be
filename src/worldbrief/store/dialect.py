"""The few places where SQLite and PostgreSQL differ: timestamps, JSON and upserts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect


class UtcDateTime(sa.TypeDecorator[datetime]):
    """Timezone-aware UTC in and out on both backends.

    PostgreSQL keeps ``timestamptz``; SQLite stores naive UTC text (its fixed-width format sorts
    correctly), so tzinfo is restored on the way out. Naive input is taken to be UTC.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}: {value!r}")
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def json_document() -> sa.types.TypeEngine[Any]:
    """JSON text on SQLite, binary ``jsonb`` on PostgreSQL."""
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upsert(
    dialect_name: str, table: sa.Table, key: Sequence[str], update: Sequence[str]
) -> sa.Insert:
    """``INSERT ... ON CONFLICT (key) DO UPDATE SET col = excluded.col`` for either backend."""
    insert = sqlite.insert if dialect_name == "sqlite" else postgresql.insert
    stmt = insert(table)
    return stmt.on_conflict_do_update(
        index_elements=[table.c[name] for name in key],
        set_={name: stmt.excluded[name] for name in update},
    )


def insert_ignoring_conflicts(dialect_name: str, table: sa.Table, key: Sequence[str]) -> sa.Insert:
    """``INSERT ... ON CONFLICT (key) DO NOTHING`` for either backend."""
    insert = sqlite.insert if dialect_name == "sqlite" else postgresql.insert
    return insert(table).on_conflict_do_nothing(index_elements=[table.c[name] for name in key])
