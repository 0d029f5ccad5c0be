"""A least-recently-used map bounded by the bytes its values hold."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class ByteBoundedLru(Generic[K, V]):
    """Keeps the most recently used values whose sizes add up to at most ``capacity`` bytes.

    A value larger than ``capacity`` is not kept. Not thread-safe: the page cache uses it from
    its event loop only."""

    def __init__(self, capacity: int, size_of: Callable[[V], int]) -> None:
        if capacity < 0:
            raise ValueError(f"capacity must be 0 or more bytes, got {capacity}")
        self.capacity = capacity
        self._size_of = size_of
        self._items: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self.size = 0

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: K) -> V | None:
        found = self._items.get(key)
        if found is None:
            return None
        self._items.move_to_end(key)
        return found[0]

    def put(self, key: K, value: V) -> bool:
        """Keep ``value``; False when it is too large to keep at all."""
        size = self._size_of(value)
        self.discard(key)
        if size > self.capacity:
            return False
        self._items[key] = (value, size)
        self.size += size
        while self.size > self.capacity:
            _, (_, evicted) = self._items.popitem(last=False)
            self.size -= evicted
        return True

    def discard(self, key: K) -> None:
        found = self._items.pop(key, None)
        if found is not None:
            self.size -= found[1]

    def clear(self) -> None:
        self._items.clear()
        self.size = 0
