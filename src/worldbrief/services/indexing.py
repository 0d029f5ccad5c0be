"""Keeping the search index in step with the store through the store's change sequence."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

from worldbrief.domain import Article
from worldbrief.search.errors import IndexLockedError
from worldbrief.search.index import SearchIndex
from worldbrief.services.platform import Platform
from worldbrief.store import ArticleStore, Change

# Changes read per query; a commit (fsync, a new segment) comes every COMMIT_EVERY changes at
# most, so a long catch-up spends its time indexing, and a crash costs at most that much replay.
READ_BATCH = 2000
COMMIT_EVERY = 100_000
log = logging.getLogger(__name__)
Progress = Callable[[int], None]


def catch_up(
    store: ArticleStore,
    index: SearchIndex,
    progress: Progress | None = None,
    commit_every: int = COMMIT_EVERY,
) -> int:
    """Apply every change after the index's sequence; returns how many articles were touched.

    The write lock is taken before the index's sequence is read, so two processes catching up
    at once never replay the same changes nor move the sequence backwards. Commits carry the
    sequence they reach: a crash only leaves the index behind, and the next call picks up where
    it stopped. The lock is released at the end so the server and a command can take turns.
    """
    try:
        index.begin_writing()
        return _apply_changes(store, index, progress, commit_every)
    finally:
        index.close()


def _apply_changes(
    store: ArticleStore, index: SearchIndex, progress: Progress | None, commit_every: int
) -> int:
    touched = uncommitted = 0
    seq = index.applied_seq()
    while True:
        changes = store.changes_since(seq, limit=READ_BATCH)
        if not changes:
            if uncommitted:
                index.commit(applied_seq=seq)
            return touched
        count = apply_changes(store, index, changes)
        seq = changes[-1].seq
        touched += count
        uncommitted += count
        if uncommitted >= commit_every:
            index.commit(applied_seq=seq)
            uncommitted = 0
        if progress:
            progress(count)


def apply_changes(
    store: ArticleStore,
    index: SearchIndex,
    changes: Sequence[Change],
    in_hand: dict[str, tuple[int, Article]] | None = None,
) -> int:
    """Apply ``changes`` to the index (uncommitted). An article in hand with the sequence of
    its write (``in_hand``) is not read back from the store when that write is its latest
    change. Returns the articles touched."""
    latest: dict[str, Change] = {}
    for change in changes:
        latest[change.article_id] = change
    latest_op = {aid: change.op for aid, change in latest.items()}
    upsert_ids = [aid for aid, op in latest_op.items() if op == "upsert"]
    known = {
        aid: article
        for aid, (seq, article) in (in_hand or {}).items()
        if aid in latest and latest[aid].seq == seq
    }
    missing = [aid for aid in upsert_ids if aid not in known]
    loaded = {a.id: a for a in store.get_many(missing)} if missing else {}
    found = {**loaded, **known}
    articles = [found[aid] for aid in upsert_ids if aid in found]
    present = {a.id for a in articles}
    # Near-duplicates stay out of search: the article they repeat is already there.
    index.delete([aid for aid in latest_op if aid not in present])
    index.delete([a.id for a in articles if a.duplicate_of])
    index.upsert([a for a in articles if not a.duplicate_of])
    return len(latest_op)


def catch_up_platform(platform: Platform) -> bool:
    """``catch_up_if_free`` on the platform's own store and index (as a server starts)."""
    return catch_up_if_free(platform.store, platform.index)


def catch_up_if_free(store: ArticleStore, index: SearchIndex) -> bool:
    """Catch up unless another process holds the index's write lock; that process (a running
    server catches up every few seconds) will apply the same changes from the change log."""
    try:
        catch_up(store, index)
    except IndexLockedError:
        log.info("search index busy with another writer; it will catch up from the change log")
        return False
    return True


class IndexFollower:
    """Keeps the index following a long write (an ingest, a re-enrichment): after each stored
    batch it applies the new changes, using the articles just written instead of reading them
    back, and commits every ``commit_seconds``, then once at the end. It holds the write lock
    meanwhile; when another process holds it, it leaves the changes to that process."""

    def __init__(self, store: ArticleStore, index: SearchIndex, commit_seconds: float = 30.0):
        self.store = store
        self.index = index
        self.commit_seconds = commit_seconds
        self._seq: int | None = None
        self._pending = False
        self._last_commit = time.monotonic()
        self._busy = False

    def follow(self, written: Sequence[tuple[int, Article]]) -> None:
        """Apply the changes since the last call; ``written`` are the articles just stored,
        each with the sequence of its write."""
        if self._busy:
            return
        try:
            if self._seq is None:
                self.index.begin_writing()
                self._seq = self.index.applied_seq()
            in_hand = {article.id: (seq, article) for seq, article in written}
            while changes := self.store.changes_since(self._seq, limit=READ_BATCH):
                apply_changes(self.store, self.index, changes, in_hand)
                self._seq = changes[-1].seq
                self._pending = True
        except IndexLockedError:
            log.info("search index busy with another writer; it will catch up from the log")
            self._busy = True
            return
        if time.monotonic() - self._last_commit >= self.commit_seconds:
            self._commit()

    def finish(self) -> None:
        """Commit what was applied and release the write lock."""
        try:
            if self._pending:
                self._commit()
        finally:
            self.index.close()

    def _commit(self) -> None:
        self.index.commit(applied_seq=self._seq)
        self._pending = False
        self._last_commit = time.monotonic()


def rebuild(store: ArticleStore, index: SearchIndex, progress: Progress | None = None) -> int:
    """Empty the index and replay the whole store into it."""
    index.begin_writing(bulk=True)
    try:
        index.clear()
        index.commit(applied_seq=0)
        return catch_up(store, index, progress)
    finally:
        index.close()
