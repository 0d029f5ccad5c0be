"""What every shared page is derived from, read fresh from the store and the index.

A page shown to anonymous readers depends on the articles (the store's change sequence), on
the search index (search, related content; it follows the store a few seconds behind) and on
the deployment (code, templates, taxonomy, settings: see ``web.caching.fingerprint``). The first
two are read here on every request; the store read is one indexed query on a pooled connection.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from worldbrief.search.index_state import STATE_FILE, read_state
from worldbrief.services.platform import Platform
from worldbrief.store.latest_sequence import StoreSequence


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

    def __init__(self, platform: Platform) -> None:
        # The sequence of the store the shared pages are read from (the replica, when one is
        # set): read first, it can only be behind their content, so no tag names newer data.
        store = platform.site_reads.lagging
        self._store = StoreSequence(store)
        self._index = IndexStamp(platform.settings.index_dir)
        self.blocks_briefly = store.engine.dialect.name == "sqlite"  # a local file read

    def read(self) -> ContentVersion:
        index_seq, stamp = self._index.read()
        return ContentVersion(self._store.read(), index_seq, stamp)
