"""Many rows into one table straight through the driver, with each column's own conversions.

SQLAlchemy's ``conn.execute(insert(table), rows)`` builds a parameter dictionary and runs every
type's conversion for each row in Python, which cost an ingest more than SQLite's own work for
the event and entity tables. Here the conversions (``bind_processor`` of each column's type for
the connection's dialect: the same functions SQLAlchemy would call, so the stored values are the
same) are looked up once per statement and applied in one pass per row, and the driver gets
plain tuples. Rows that SQLAlchemy would treat differently (keys that are not columns, rows of
different keys, or a column left out that has a Python-side default) go through SQLAlchemy.

On SQLite the tuples go to ``executemany``: one statement prepared once and stepped per row
in-process, which is already cheap. On PostgreSQL, psycopg's ``executemany`` still sends and
executes one INSERT per row (about 72 rows per article across its child tables), and those
per-row statements were most of the write cost in the app and in the server; there the same
converted values are sent as multi-row ``INSERT ... VALUES (...), (...)`` statements, each
within the protocol's limit of 65,535 parameters, written with PostgreSQL's own ``$n``
placeholders through a raw cursor: psycopg rewrites ``%s`` markers by a scan of the query text
on every execution of a query this long (it keeps only short ones), which cost more CPU than
the statements saved (docs/performance.md, "A million articles on PostgreSQL").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import psycopg
import sqlalchemy as sa
from sqlalchemy.engine import Connection

Row = dict[str, Any]
ROWS_PER_STATEMENT = 2000
# A multi-row statement's parameters are numbered in 16 bits on PostgreSQL's wire protocol.
POSTGRES_MAX_PARAMETERS = 65_535
POSTGRES_ROWS_PER_STATEMENT = 1000


def insert_rows(
    conn: Connection, table: sa.Table, rows: Sequence[Row], chunk: int = ROWS_PER_STATEMENT
) -> None:
    """Insert ``rows`` (dictionaries by column name) into ``table``."""
    if not rows:
        return
    names = list(rows[0])
    if not _direct(table, names, rows):
        for start in range(0, len(rows), chunk):
            conn.execute(sa.insert(table), list(rows[start : start + chunk]))
        return
    dialect = conn.dialect
    preparer = dialect.identifier_preparer
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    columns = ", ".join(preparer.quote(name) for name in names)
    row_markers = "(" + ", ".join([marker] * len(names)) + ")"
    # Names come from the table's own columns; values travel as parameters.
    head = f"INSERT INTO {preparer.format_table(table)} ({columns}) VALUES "  # noqa: S608
    convert = _converter(table, names, dialect)
    driver = conn.connection.driver_connection
    if isinstance(driver, psycopg.Connection):
        _insert_psycopg(driver, head, len(names), [convert(row) for row in rows])
        return
    sql = head + row_markers
    for start in range(0, len(rows), chunk):
        conn.exec_driver_sql(sql, [convert(row) for row in rows[start : start + chunk]])


def _insert_psycopg(
    driver: psycopg.Connection[Any], head: str, width: int, rows: list[tuple[Any, ...]]
) -> None:
    per_statement = min(POSTGRES_ROWS_PER_STATEMENT, POSTGRES_MAX_PARAMETERS // width)
    statements: dict[int, str] = {}  # the full-size statement once, the last part's if shorter
    # The driver connection is the one in SQLAlchemy's transaction, so these rows commit or
    # roll back with the rest of the write.
    with psycopg.RawCursor(driver) as cursor:
        for start in range(0, len(rows), per_statement):
            part = rows[start : start + per_statement]
            sql = statements.get(len(part))
            if sql is None:
                markers = (
                    "(" + ", ".join(f"${n + i + 1}" for i in range(width)) + ")"
                    for n in range(0, len(part) * width, width)
                )
                sql = statements[len(part)] = head + ", ".join(markers)
            cursor.execute(sql, [value for row in part for value in row])


def _direct(table: sa.Table, names: list[str], rows: Sequence[Row]) -> bool:
    keys = rows[0].keys()
    if not names or any(name not in table.c for name in names):
        return False
    if any(c.default is not None for c in table.columns if c.name not in keys):
        return False
    return all(row.keys() == keys for row in rows)


def _converter(
    table: sa.Table, names: list[str], dialect: sa.Dialect
) -> Callable[[Row], tuple[Any, ...]]:
    processors = [
        table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
    ]
    if not any(processors):
        return lambda row: tuple(row[name] for name in names)
    steps = list(zip(names, processors, strict=True))
    return lambda row: tuple(
        row[name] if process is None else process(row[name]) for name, process in steps
    )
