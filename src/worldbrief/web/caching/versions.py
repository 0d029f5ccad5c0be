"""What every shared page is derived from, read fresh from the store and the index.

A page shown to anonymous readers depends on the articles (the store's change sequence), on
the search index (search, related content; it follows the store a few seconds behind) and on
the deployment (code, templates, taxonomy, settings: see ``fingerprint``). The first two are
read here on every request; the store read is one indexed query on a pooled connection.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from worldbrief.search.index_state import STATE_FILE, read_state
from worldbrief.store import ArticleStore, StoreError
from worldbrief.store.errors import redact_url

# ``seq`` is the primary key: both databases answer from the end of its index.
_LATEST_SEQ = "SELECT max(seq) FROM changes"


@dataclass(frozen=True, slots=True)
class ContentVersion:
    """The state of the data behind the pages. ``index_stamp`` changes with every write of the
    index's state file (a rebuild passes the same ``index_seq`` values again)."""

    store_seq: int
    index_seq: int
    index_stamp: int

    def tag(self, deployment: str) -> str:
        """The entity tag of every shared page at this version (weak: the same content,
        whatever the encoding a proxy may apply)."""
        return f'W/"{deployment}-{self.store_seq}-{self.index_seq}-{self.index_stamp:x}"'


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


class IndexStamp:
    """The search index's applied sequence and an identity of its state file's last write."""

    def __init__(self, index_dir: Path) -> None:
        self._state_file = index_dir / STATE_FILE
        self._index_dir = index_dir
        self._last: tuple[int, int] = (0, 0)  # (stamp, applied sequence) of the last read

    def read(self) -> tuple[int, int]:
        try:
            # Stat before reading: a write in between then looks older than it is, never newer.
            status = self._state_file.stat()
        except OSError:
            return 0, 0
        # The file is replaced on each write: a new inode or a new modification time.
        stamp = status.st_mtime_ns ^ status.st_ino
        if stamp != self._last[0]:
            state = read_state(self._index_dir)
            self._last = (stamp, state.applied_seq if state else 0)
        return self._last[1], stamp


class VersionReader:
    """Reads the current ``ContentVersion``; blocking, safe to call from any thread."""

    def __init__(self, store: ArticleStore, index_dir: Path) -> None:
        self._store = StoreSequence(store)
        self._index = IndexStamp(index_dir)
        self.blocks_briefly = store.engine.dialect.name == "sqlite"  # a local file read

    def read(self) -> ContentVersion:
        index_seq, stamp = self._index.read()
        return ContentVersion(self._store.read(), index_seq, stamp)
