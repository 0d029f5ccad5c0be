"""Places sorted by latitude, so that those which may lie within a distance of a point are found
by a binary search rather than a scan: two places are never closer than their latitudes are
apart (one degree of latitude is about 111 km everywhere)."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import Generic, TypeVar

from worldbrief.geo.distance import EARTH_RADIUS_KM
from worldbrief.geo.gazetteer import Place

T = TypeVar("T")

KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180.0
_MARGIN_DEGREES = 0.01  # floating-point slack, so that no place on the edge is missed


class LatitudeIndex(Generic[T]):
    """Places, each with a value of the caller's, ordered by latitude."""

    def __init__(self, entries: Iterable[tuple[Place, T]]) -> None:
        self._entries = sorted(entries, key=lambda entry: entry[0].lat)
        self._lats = [place.lat for place, _ in self._entries]

    def __len__(self) -> int:
        return len(self._entries)

    def band(self, place: Place, km: float) -> list[tuple[Place, T]]:
        """The entries whose latitude is within ``km`` of the place's: a superset of those
        within ``km`` of it, to be checked with ``distance_km``."""
        reach = km / KM_PER_DEGREE + _MARGIN_DEGREES
        low = bisect_left(self._lats, place.lat - reach)
        high = bisect_right(self._lats, place.lat + reach)
        return self._entries[low:high]
