"""Engines for SQLite and PostgreSQL, and the write transaction both use.

SQLite: WAL (readers never block the writer), ``busy_timeout`` so a second writer waits instead
of failing, foreign keys on, and transactions begun by us so that writes take the lock up front
(``BEGIN IMMEDIATE``) and DDL is transactional. PostgreSQL: sessions in UTC, and writers
serialised by an advisory lock so change-log sequence numbers commit in order (an index catching
up from ``seq`` can then never skip a row committed late).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from worldbrief.store.errors import StoreError, redact_url

SQLITE_BUSY_TIMEOUT_MS = 30_000
# Arbitrary but fixed: the advisory lock all worldbrief writers take on PostgreSQL.
POSTGRES_WRITE_LOCK_KEY = 0x776F726C64  # "world"
_WRITE_OPTION = "worldbrief_write"


def create_store_engine(url: str) -> Engine:
    """An engine for a ``sqlite`` or ``postgresql`` URL; raises StoreError for anything else."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(
            f"invalid database URL {redact_url(url)!r}: expected e.g. sqlite:///path/to/file.db "
            "or postgresql://user@host/dbname"
        ) from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(parsed)
    if backend == "postgresql":
        return _postgres_engine(parsed.set(drivername="postgresql+psycopg"))
    raise StoreError(
        f"unsupported database {backend!r} in URL {redact_url(url)!r}: use sqlite or postgresql"
    )


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction holding the store's single-writer lock; commits on success."""
    with engine.connect() as conn:
        conn.execution_options(**{_WRITE_OPTION: True})
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(
                    sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": POSTGRES_WRITE_LOCK_KEY}
                )
            yield conn


@contextmanager
def store_connection(
    engine: Engine, url: str, operation: str, *, write: bool = False
) -> Iterator[Connection]:
    """A connection (in the write transaction if ``write``); database failures become a
    StoreError naming the operation and the database (password hidden)."""
    try:
        if write:
            with write_transaction(engine) as conn:
                yield conn
        else:
            with engine.connect() as conn:
                yield conn
    except SQLAlchemyError as exc:
        cause = exc.orig if isinstance(exc, DBAPIError) else exc
        text = str(cause).strip()
        reason = text.splitlines()[0] if text else repr(cause)
        raise StoreError(f"{operation} failed on {redact_url(url)!r}: {reason}") from exc


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    in_memory = database in ("", ":memory:") or database.startswith("file::memory:")
    options: dict[str, Any] = {}
    if in_memory:
        # One shared connection, or every new connection would see an empty database.
        options = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    else:
        try:
            Path(database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the directory for SQLite file {database!r}: {exc}"
            ) from exc
    engine = sa.create_engine(url, **options)
    event.listen(engine, "connect", _configure_sqlite_connection)
    event.listen(engine, "begin", _begin_sqlite_transaction)
    return engine


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # the driver must not issue BEGIN; we do
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        _use_wal(cursor)
        cursor.execute("PRAGMA synchronous = NORMAL")  # durable across crashes of the app in WAL
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _use_wal(cursor: Any) -> None:
    """Switch a new database to WAL. The switch needs a moment alone with the file and SQLite
    answers "locked" at once (no busy wait) while another connection makes the same switch."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _begin_sqlite_transaction(conn: Connection) -> None:
    writing = conn.get_execution_options().get(_WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def _postgres_engine(url: URL) -> Engine:
    engine = sa.create_engine(url, pool_pre_ping=True)
    event.listen(engine, "connect", _configure_postgres_connection)
    return engine


def _configure_postgres_connection(dbapi_connection: Any, _record: Any) -> None:
    # Years and dates are computed in SQL; they must not depend on the server's time zone.
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    dbapi_connection.execute("SET TIME ZONE 'UTC'")
    dbapi_connection.autocommit = autocommit
