"""Keeping the search index in step with the store through the store's change sequence."""

from __future__ import annotations

import logging
from collections.abc import Callable

from worldbrief.search.index import SearchIndex
from worldbrief.search.tantivy_index import IndexLockedError
from worldbrief.store import ArticleStore

_BATCH = 1000
log = logging.getLogger(__name__)


def catch_up(
    store: ArticleStore, index: SearchIndex, progress: Callable[[int], None] | None = None
) -> int:
    """Apply every change after the index's sequence; returns how many articles were touched.

    Each batch is committed with the sequence it reaches, so a crash only leaves the index behind,
    and the next call picks up where it stopped. The write lock is released at the end so that
    the server and a command-line ingest can take turns.
    """
    try:
        return _apply_changes(store, index, progress)
    finally:
        index.close()


def _apply_changes(
    store: ArticleStore, index: SearchIndex, progress: Callable[[int], None] | None
) -> int:
    touched = 0
    while True:
        changes = store.changes_since(index.applied_seq(), limit=_BATCH)
        if not changes:
            return touched
        latest_op: dict[str, str] = {}
        for change in changes:
            latest_op[change.article_id] = change.op
        upsert_ids = [aid for aid, op in latest_op.items() if op == "upsert"]
        articles = store.get_many(upsert_ids)
        present = {a.id for a in articles}
        # Near-duplicates stay out of search: the article they repeat is already there.
        index.delete([aid for aid in latest_op if aid not in present])
        index.delete([a.id for a in articles if a.duplicate_of])
        index.upsert([a for a in articles if not a.duplicate_of])
        index.commit(applied_seq=changes[-1].seq)
        touched += len(latest_op)
        if progress:
            progress(len(latest_op))


def catch_up_if_free(store: ArticleStore, index: SearchIndex) -> bool:
    """Catch up unless another process holds the index's write lock; that process (a running
    server catches up every few seconds) will apply the same changes from the change log."""
    try:
        catch_up(store, index)
    except IndexLockedError:
        log.info("search index busy with another writer; it will catch up from the change log")
        return False
    return True


def rebuild(
    store: ArticleStore, index: SearchIndex, progress: Callable[[int], None] | None = None
) -> int:
    """Empty the index and replay the whole store into it."""
    index.clear()
    index.commit(applied_seq=0)
    return catch_up(store, index, progress)
