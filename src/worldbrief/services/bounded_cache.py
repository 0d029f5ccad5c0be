"""A thread-safe least-recently-used cache bounded by the sizes of its values, and a registry
of one such cache (or anything else) per store.

The caches of a process's reads (kept articles, profiles, rendered bodies, place page bodies)
key every value by what it was read or rendered from, usually an article's change-log sequence,
so a key names one version of a value and never needs to be written again: a value put under a
key already kept leaves the kept one in place. The events search's counts and the page cache's
answers are all derived from one version of the store and are cleared as soon as a newer one
is read, so within one version a key names one value too. What counts as a value's size is the
caller's: characters of text for bodies, bytes for answers, one for each entry where only their
number is bounded.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar
from weakref import WeakKeyDictionary

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
S = TypeVar("S")
C = TypeVar("C")


def _one(_value: object) -> int:
    """The size of any value where a cache bounds the number of its entries."""
    return 1


class BoundedCache(Generic[K, V]):
    """The most recently used values whose sizes (``size_of`` each, measured when it is put)
    add up to at most ``capacity``; safe to use from several threads.

    Capacity 0 keeps nothing (not even values of size 0), and a value larger than ``capacity``
    is not kept at all (it would only empty the cache to be dropped with the next put)."""

    def __init__(self, capacity: int, size_of: Callable[[V], int] = _one) -> None:
        if capacity < 0:
            raise ValueError(f"capacity must be 0 or more, got {capacity}")
        self.capacity = capacity
        self._size_of = size_of
        self._lock = threading.Lock()
        self._kept: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._size = 0

    def get(self, key: K) -> V | None:
        """The value kept under ``key``, now the most recently used; None when there is none."""
        with self._lock:
            found = self._kept.get(key)
            if found is None:
                return None
            self._kept.move_to_end(key)
            return found[0]

    def peek(self, key: K) -> V | None:
        """The value kept under ``key``, its place in the order of use left as it is."""
        with self._lock:
            found = self._kept.get(key)
            return None if found is None else found[0]

    def put(self, key: K, value: V) -> bool:
        """Keep ``value`` under ``key`` as the most recently used, dropping the least recently
        used past the capacity; False, and nothing changed, when ``key`` is already kept (its
        value and place stay), ``value`` is larger than the capacity or the capacity is 0."""
        size = self._size_of(value)
        with self._lock:
            if key in self._kept or size > self.capacity or not self.capacity:
                return False
            self._kept[key] = (value, size)
            self._size += size
            self._shrink()
            return True

    def replace(self, key: K, expected: V, value: V) -> bool:
        """Put ``value`` in the place of ``expected`` (the same object) if ``key`` still holds
        it, measured afresh, dropping the least recently used past the capacity (``value``
        itself among them when it comes to that); False, and nothing changed, when ``key``
        holds anything else or nothing."""
        size = self._size_of(value)
        with self._lock:
            found = self._kept.get(key)
            if found is None or found[0] is not expected:
                return False
            self._kept[key] = (value, size)  # an existing key keeps its place
            self._size += size - found[1]
            self._shrink()
            return True

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self._size = 0

    @property
    def size(self) -> int:
        """The sizes of the kept values added up."""
        with self._lock:
            return self._size

    def __len__(self) -> int:
        with self._lock:
            return len(self._kept)

    def _shrink(self) -> None:
        while self._size > self.capacity and self._kept:
            _, (_, dropped) = self._kept.popitem(last=False)
            self._size -= dropped


class PerStore(Generic[S, C]):
    """One ``C`` for each store (or other object that can be weakly referred to), made on its
    first use and gone with the store; safe to use from several threads. Change sequences are
    a store's own, so what is kept by one store's sequence is never shared with another's."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_store: WeakKeyDictionary[S, C] = WeakKeyDictionary()

    def of(self, store: S, make: Callable[[], C]) -> C:
        """The ``C`` of ``store``; ``make()`` (called at most once a store) on first use."""
        with self._lock:
            found = self._by_store.get(store)
            if found is None:
                found = self._by_store[store] = make()
            return found
