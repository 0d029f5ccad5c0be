"""Many rows into one table straight through the driver, with each column's own conversions.

SQLAlchemy's ``conn.execute(insert(table), rows)`` builds a parameter dictionary and runs every
type's conversion for each row in Python, which cost an ingest more than SQLite's own work for
the event and entity tables. Here the conversions (``bind_processor`` of each column's type for
the connection's dialect: the same functions SQLAlchemy would call, so the stored values are the
same) are looked up once per statement and applied in one pass per row, and the driver gets
plain tuples. Rows that SQLAlchemy would treat differently (keys that are not columns, rows of
different keys, or a column left out that has a Python-side default) go through SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

Row = dict[str, Any]
ROWS_PER_STATEMENT = 2000


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
    placeholders = ", ".join([marker] * len(names))
    # Names come from the table's own columns; values travel as parameters.
    sql = f"INSERT INTO {preparer.format_table(table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    convert = _converter(table, names, dialect)
    for start in range(0, len(rows), chunk):
        conn.exec_driver_sql(sql, [convert(row) for row in rows[start : start + chunk]])


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
