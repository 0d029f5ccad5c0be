"""Near-duplicate keys as the store keeps them: a set of signed 64-bit integers (BIGINT)."""

from __future__ import annotations

from collections.abc import Iterable

_LOWEST = -(1 << 63)
_HIGHEST = (1 << 63) - 1


def canonical_keys(keys: Iterable[int]) -> tuple[int, ...]:
    """The keys sorted and distinct, as ``get()`` returns them; raises ``ValueError`` naming
    ``near_duplicate_keys`` and the first value a database cannot hold."""
    checked = set()
    for key in keys:
        if isinstance(key, bool) or not isinstance(key, int) or not _LOWEST <= key <= _HIGHEST:
            raise ValueError(f"near_duplicate_keys must be signed 64-bit integers, got {key!r}")
        checked.add(key)
    return tuple(sorted(checked))
