"""Rows written by ``insert_rows`` read back as SQLAlchemy's own insert stores them, on both
backends, including when PostgreSQL's multi-row statements must be split."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from worldbrief.config import normalise_database_url
from worldbrief.store.bulk_insert import insert_rows


@pytest.fixture
def engine(store_url: str) -> Iterator[sa.Engine]:
    created = sa.create_engine(normalise_database_url(store_url))
    try:
        yield created
    finally:
        created.dispose()


def _typed_table(metadata: sa.MetaData, name: str) -> sa.Table:
    return sa.Table(
        name,
        metadata,
        sa.Column("n", sa.Integer, primary_key=True),
        sa.Column("label", sa.String(40)),
        sa.Column("at", sa.DateTime(timezone=True)),
        sa.Column("score", sa.Float),
        sa.Column("flag", sa.Boolean),
        sa.Column("extra", sa.JSON),
    )


def _typed_rows(count: int) -> list[dict[str, Any]]:
    start = datetime(2024, 1, 1, tzinfo=UTC)
    return [
        {
            "n": n,
            "label": None if n % 7 == 0 else f"row {n} 100% 'quoted' %s ?",
            "at": start + timedelta(minutes=n),
            "score": n / 3,
            "flag": n % 2 == 0,
            "extra": {"n": n, "tags": ["a", "b"]} if n % 5 else None,
        }
        for n in range(count)
    ]


def _read(conn: sa.Connection, table: sa.Table) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in conn.execute(sa.select(table).order_by(table.c.n))]


def test_stored_values_match_sqlalchemy_insert(engine: sa.Engine) -> None:
    metadata = sa.MetaData()
    direct, reference = _typed_table(metadata, "direct"), _typed_table(metadata, "reference")
    rows = _typed_rows(2345)  # more than one statement on PostgreSQL, the last one partial
    with engine.begin() as conn:
        metadata.create_all(conn)
        insert_rows(conn, direct, rows)
        conn.execute(sa.insert(reference), rows)
        stored = _read(conn, direct)
        assert stored == _read(conn, reference)
    assert len(stored) == len(rows)


def test_wide_rows_stay_under_the_parameter_limit(engine: sa.Engine) -> None:
    metadata = sa.MetaData()
    width = 120  # 1000 rows of 120 columns would be 120,000 parameters in one statement
    table = sa.Table(
        "wide",
        metadata,
        sa.Column("n", sa.Integer, primary_key=True),
        *(sa.Column(f"c{i}", sa.Integer) for i in range(width - 1)),
    )
    rows = [{"n": n, **{f"c{i}": n + i for i in range(width - 1)}} for n in range(1200)]
    with engine.begin() as conn:
        metadata.create_all(conn)
        insert_rows(conn, table, rows)
        stored = _read(conn, table)
    assert stored == [tuple(row.values()) for row in rows]
