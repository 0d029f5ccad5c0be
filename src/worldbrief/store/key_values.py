"""Near-duplicate keys as the store keeps them: a set of signed 64-bit integers (BIGINT)."""

from __future__ import annotations

from collections.abc import Iterable

_LOWEST = -(1 << 63)
_HIGHEST = (1 << 63) - 1


def canonical_keys(keys: Iterable[int]) -> tuple[int, ...]:
    """The keys sorted and distinct, as ``get()`` returns them; raises ``ValueError`` naming
    ``near_duplicate_keys`` and the first value a database cannot hold."""
    given = tuple(keys)
    distinct = set(given)
    # Every stored article passes here with its keys: plain ints in range are checked in bulk,
    # anything else one by one, so the error names the first value that cannot be held.
    if all(type(key) is int for key in given) and (
        not distinct or (min(distinct) >= _LOWEST and max(distinct) <= _HIGHEST)
    ):
        return tuple(sorted(distinct))
    for key in given:
        if isinstance(key, bool) or not isinstance(key, int) or not _LOWEST <= key <= _HIGHEST:
            raise ValueError(f"near_duplicate_keys must be signed 64-bit integers, got {key!r}")
    return tuple(sorted(distinct))
