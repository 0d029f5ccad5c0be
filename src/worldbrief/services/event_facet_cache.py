"""The counts of the events search (totals and facets), kept for the store's latest change.

Counting a filtered query reads up to 10,000 index rows (the unfiltered one reads kept tallies,
a few thousand rows), while the answer changes only when events do. Every event write (a report
linked, relinked, re-enriched or deleted) happens in an article's write transaction, which
appends to the change log; so counts computed after reading sequence ``S`` are current for as
long as the latest sequence is ``S``. They are kept per query (every page, cursor and limit of
it shares them) and all dropped when a newer sequence is read. The sequence is read from the
database the counts are read from (one cache per store object), so a replica behind the primary
cannot key its older counts with the primary's newer sequence. See docs/events-api.md, "Counts
kept between writes".
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from worldbrief.domain.event_query import EventFacets, EventQuery
from worldbrief.services.bounded_cache import BoundedCache, PerStore
from worldbrief.store.article_store import ArticleStore
from worldbrief.store.latest_sequence import StoreSequence

CAPACITY = 256  # queries kept; one answer is a few kB (a facet holds at most a few hundred)

Key = tuple[EventQuery, int]  # the filters and the counting window


class EventFacetCache:
    """Counts by query, valid at one change sequence. ``sequence`` reads the store's latest
    change sequence afresh (``StoreSequence.read``); safe to use from several threads."""

    def __init__(self, sequence: Callable[[], int], capacity: int = CAPACITY) -> None:
        if capacity < 0:
            raise ValueError(f"capacity must be 0 or more queries, got {capacity}")
        self._sequence = sequence
        # Guards ``_seq`` together with what is kept under it: a newer sequence empties the
        # cache, and counts are kept only while the sequence they were counted after is current.
        self._lock = threading.Lock()
        self._seq: int | None = None  # the sequence the kept answers were computed after
        self._kept: BoundedCache[Key, EventFacets] = BoundedCache(capacity)

    def facets(
        self, where: EventQuery, window: int, count: Callable[[EventQuery, int], EventFacets]
    ) -> EventFacets:
        """The counts of ``where`` over ``window``: kept ones when computed at the sequence
        read now, else ``count(where, window)``, kept for the requests that follow."""
        seq = self._sequence()  # before counting: what is counted is then at least this new
        key = (where, window)
        with self._lock:
            # Newer, or a read older than another's racing it: either way, count afresh.
            if seq != self._seq:
                self._kept.clear()
                self._seq = seq
            found = self._kept.get(key)
            if found is not None:
                return found
        counted = count(where, window)
        with self._lock:
            # Another request may have read a newer sequence meanwhile: keep only if not. Two
            # requests counting one query at one sequence count the same: the first kept stays,
            # now the most recently used.
            if seq == self._seq and not self._kept.put(key, counted):
                self._kept.get(key)
        return counted

    def __len__(self) -> int:
        return len(self._kept)


_BY_STORE: PerStore[ArticleStore, EventFacetCache] = PerStore()


def facet_cache_of(store: ArticleStore) -> EventFacetCache:
    """The counts kept for reads of ``store``, keyed by ``store``'s own change sequence; made
    on first use, gone with the store."""
    return _BY_STORE.of(store, lambda: EventFacetCache(StoreSequence(store).read))
