"""The leader lock: of all the processes running the schedule, one starts the cluster's jobs.

On PostgreSQL it is a session advisory lock held on a connection of its own, so it spans every
machine using the database and is released by the database when the holder dies. On SQLite
(one machine by nature) it is a lock file in the data directory, released by the kernel when
the holder dies. Either way a process that does not hold it tries again at its next tick.
"""

from __future__ import annotations

import logging
from typing import Protocol

import sqlalchemy as sa
from filelock import FileLock, Timeout
from sqlalchemy.engine import Connection, Engine

from worldbrief.services.platform import Platform

# Arbitrary but fixed, and apart from the store's write lock.
POSTGRES_LEADER_LOCK_KEY = 0x776F726C6A  # "worlj"
LOCK_FILE = "scheduler.lock"
log = logging.getLogger(__name__)


class LeaderLock(Protocol):
    def held(self) -> bool:
        """Whether this process leads now: keeps the lock, or takes it when it is free."""
        ...

    def release(self) -> None: ...


class FileLeaderLock:
    def __init__(self, platform: Platform) -> None:
        self._lock = FileLock(platform.settings.data_dir / LOCK_FILE, thread_local=False)

    def held(self) -> bool:
        if self._lock.is_locked:
            return True
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            return False
        return True

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)


class PostgresLeaderLock:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._connection: Connection | None = None

    def held(self) -> bool:
        if self._connection is not None:
            try:  # the lock lives as long as this session: check it is still there
                self._connection.execute(sa.text("SELECT 1"))
                return True
            except sa.exc.DBAPIError:
                log.warning("lost the connection holding the scheduler's leader lock")
                self._drop()
        try:
            connection = self._engine.connect()
        except sa.exc.DBAPIError:
            return False
        took = connection.execute(
            sa.text("SELECT pg_try_advisory_lock(:key)"), {"key": POSTGRES_LEADER_LOCK_KEY}
        ).scalar()
        connection.commit()
        if took:
            self._connection = connection
            return True
        connection.close()
        return False

    def release(self) -> None:
        if self._connection is None:
            return
        try:
            self._connection.execute(
                sa.text("SELECT pg_advisory_unlock(:key)"), {"key": POSTGRES_LEADER_LOCK_KEY}
            )
            self._connection.commit()
        except sa.exc.DBAPIError:
            pass  # the session is gone, and the lock with it
        self._drop()

    def _drop(self) -> None:
        if self._connection is not None:
            try:
                self._connection.invalidate()  # never back to the pool still holding the lock
                self._connection.close()
            except sa.exc.DBAPIError:
                pass
        self._connection = None


def leader_lock(platform: Platform) -> LeaderLock:
    engine = platform.store.engine
    if engine.dialect.name == "postgresql":
        return PostgresLeaderLock(engine)
    return FileLeaderLock(platform)
