"""The store's latest change sequence, read on every request that may be answered from a kept
copy: one indexed statement on a pooled connection, without SQLAlchemy's per-statement work."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from worldbrief.store.article_store import ArticleStore
from worldbrief.store.errors import StoreError, redact_url

# ``seq`` is the primary key: both databases answer from the end of its index.
_LATEST_SEQ = "SELECT max(seq) FROM changes"


class StoreSequence:
    """The store's latest change sequence, read without SQLAlchemy's per-statement work.

    Each read is one statement on a pooled connection in autocommit, so it sees every write
    committed before it began, in this process or any other."""

    def __init__(self, store: ArticleStore) -> None:
        self._engine = store.engine
        self._url = store.url
        self._postgres = store.engine.dialect.name == "postgresql"

    def read(self) -> int:
        try:
            pooled = self._engine.raw_connection()
        except DBAPIError as exc:
            raise self._failure(exc) from exc
        try:
            return self._read_on(pooled.driver_connection)
        except Exception as exc:
            pooled.invalidate()  # a broken connection is not handed out again
            raise self._failure(exc) from exc
        finally:
            pooled.close()

    def _read_on(self, connection: object) -> int:
        if self._postgres:
            connection.autocommit = True  # type: ignore[attr-defined]
        try:
            cursor = connection.cursor()  # type: ignore[attr-defined]
            try:
                cursor.execute(_LATEST_SEQ)
                row = cursor.fetchone()
            finally:
                cursor.close()
        finally:
            if self._postgres:
                connection.autocommit = False  # type: ignore[attr-defined]
        return int(row[0] or 0) if row else 0

    def _failure(self, exc: Exception) -> StoreError:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return StoreError(
            f"reading the change sequence failed on {redact_url(self._url)!r}: {reason}"
        )
