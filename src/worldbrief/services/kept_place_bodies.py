"""The rendered bodies of country and region pages, kept per store version and reader kind.

Below its header, a country's or a region's page (map data, trend, events per week, actors,
latest events, latest articles) printed some 1,400 values from a dozen reads on every request,
though it changes only when an article is written: every such write (its events, tallies and
listing rows go in the same transaction) moves the store's change sequence. A body is kept
under its page's key and that sequence, read first on every request (one indexed statement),
so a write in any process is shown on the very next request: the body is then rendered again
from reads that begin after the sequence was read, as new as it or newer.

The key holds every input of the body: the page and its query (cursor, period), the day (the
week judged complete depends on it) and the access levels whose sentences the reader may see
(``page_readable_bodies``): members and anonymous readers never share a body that shows
evidence. The header (who is signed in, the Follow form with its token) is rendered for each
request. Bodies of older sequences are dropped as soon as a newer one is seen; the rest are
bounded by ``CAPACITY_CHARS``, the least recently used dropped first.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from markupsafe import Markup

from worldbrief.services.bounded_cache import BoundedCache, PerStore
from worldbrief.services.platform import Platform
from worldbrief.store.article_store import ArticleStore
from worldbrief.store.latest_sequence import StoreSequence

# A body is 60-250 KB of HTML: the default (settings.place_body_cache_chars, 16 Mi characters)
# keeps some 100 to 250 pages a process, about 16 MB.
CAPACITY_CHARS = 16 * 2**20

PlaceKey = tuple[Hashable, ...]


@dataclass(frozen=True, slots=True)
class PlaceBody:
    """What a place page shows below its header, and its article count for the header."""

    html: Markup
    total: int | None


class KeptPlaceBodies:
    """Bodies of one store's sequence at a time, the least recently used dropped past
    ``capacity_chars``; safe to use from several threads."""

    def __init__(self, capacity_chars: int = CAPACITY_CHARS) -> None:
        if capacity_chars < 0:
            raise ValueError(f"capacity_chars must be 0 or more, got {capacity_chars}")
        self._lock = threading.Lock()  # the sequence and the bodies kept at it move together
        self._kept: BoundedCache[PlaceKey, PlaceBody] = BoundedCache(capacity_chars, _size)
        self._seq = -1  # the sequence every kept body was rendered at

    def get(self, key: PlaceKey, seq: int) -> PlaceBody | None:
        with self._lock:
            self._follow(seq)
            return self._kept.get(key) if seq == self._seq else None

    def put(self, key: PlaceKey, seq: int, body: PlaceBody) -> None:
        with self._lock:
            self._follow(seq)
            if seq == self._seq:  # else rendered at a sequence already passed: never served again
                self._kept.put(key, body)

    def _follow(self, seq: int) -> None:
        """Drop every body once a newer sequence is seen."""
        if seq > self._seq:
            self._kept.clear()
            self._seq = seq

    def __len__(self) -> int:
        return len(self._kept)


def _size(body: PlaceBody) -> int:
    return len(body.html)


class PlaceBodies:
    """The kept bodies of the pages read from one store, and that store's sequence."""

    def __init__(self, store: ArticleStore, capacity_chars: int = CAPACITY_CHARS) -> None:
        self.kept = KeptPlaceBodies(capacity_chars)
        self._sequence = StoreSequence(store)

    def kept_or_rendered(self, key: PlaceKey, render: Callable[[], PlaceBody]) -> PlaceBody:
        seq = self._sequence.read()
        found = self.kept.get(key, seq)
        if found is None:
            # Read after the sequence: the same writes or later ones, never older ones.
            found = render()
            self.kept.put(key, seq, found)
        return found


_BY_STORE: PerStore[ArticleStore, PlaceBodies] = PerStore()


def place_bodies_of(platform: Platform) -> PlaceBodies:
    """The bodies kept of pages read from the platform's site store (sequences are a store's
    own; with a replica, the replica's); gone with the store."""
    store = platform.site_reads.lagging
    return _BY_STORE.of(store, lambda: PlaceBodies(store, platform.settings.place_body_cache_chars))
