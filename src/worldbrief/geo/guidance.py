"""What guides the reading of an ambiguous name: the places its text has already settled, and
the readings of the text's other names ("spatial minimality").

Only the first ``CONTEXT_NAMES`` different names of a text guide the others (news names far
fewer), and nearby places are found through a latitude index; so a name costs about the same
however long the text, and a text of thousands of names costs thousands of times one name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from worldbrief.geo.distance import distance_km
from worldbrief.geo.gazetteer import Candidate, Place
from worldbrief.geo.latitude_index import LatitudeIndex
from worldbrief.geo.toponyms import Toponym
from worldbrief.geo.work import current_tally

CONTEXT_NAMES = 64
NEARBY_KM = 1000.0
MUTUAL_KM = 600.0
MUTUAL_CANDIDATES = 10


def context_keys(toponyms: Sequence[Toponym]) -> frozenset[str]:
    """The keys of the first ``CONTEXT_NAMES`` different names, in reading order; a name
    read through a piece of it ("Limestone County" as "Limestone") guides nothing."""
    keys: dict[str, None] = {}
    for toponym in toponyms:
        if toponym.key not in keys and not toponym.partial:
            if len(keys) == CONTEXT_NAMES:
                break
            keys[toponym.key] = None
    return frozenset(keys)


def is_local(place: Place) -> bool:
    """A town or division: a place that can be near another in the sense used here."""
    return place.feature_class in ("P", "A") and not place.is_country


class SettledPlaces:
    """Readings without a close rival, each with the names that settled on it; a name is
    guided by those of the other names, never by its own."""

    def __init__(self, settled: Iterable[tuple[str, Place]]) -> None:
        keys_of: dict[int, set[str]] = defaultdict(set)
        places: dict[int, Place] = {}
        self._division_keys: dict[str | None, set[str]] = defaultdict(set)
        for key, place in settled:
            keys_of[place.index].add(key)
            places[place.index] = place
            if place.is_admin1:
                self._division_keys[place.admin1_code].add(key)
        self._keys = {key for keys in keys_of.values() for key in keys}
        self._local: LatitudeIndex[frozenset[str]] = LatitudeIndex(
            (place, frozenset(keys_of[index])) for index, place in places.items() if is_local(place)
        )

    @classmethod
    def none(cls) -> SettledPlaces:
        return cls(())

    def guide(self, key: str) -> bool:
        """Some other name settled somewhere."""
        return len(self._keys) > 1 or (bool(self._keys) and key not in self._keys)

    def name_its_division(self, place: Place, key: str) -> bool:
        """Another name settled on the first-level division ``place`` lies in."""
        keys = self._division_keys.get(place.admin1_code)
        return keys is not None and (len(keys) > 1 or key not in keys)

    def nearness(self, place: Place, key: str) -> float:
        """1 at the other names' closest settled town or division, falling to 0 at
        ``NEARBY_KM``."""
        if place.is_country:
            return 0.0
        closest: float | None = None
        band = self._local.band(place, NEARBY_KM)
        tally = current_tally()
        if tally is not None:
            tally.distances += len(band)
        for anchor, keys in band:
            if anchor.index == place.index or (len(keys) == 1 and key in keys):
                continue
            km = distance_km(place.lat, place.lon, anchor.lat, anchor.lon)
            if closest is None or km < closest:
                closest = km
        if closest is None:
            return 0.0
        return max(0.0, 1.0 - closest / NEARBY_KM)


def mutual_support(
    toponyms: Sequence[Toponym], options: Sequence[Sequence[Candidate]], context: frozenset[str]
) -> dict[str, dict[int, float]]:
    """For each name and each local reading of it: how well the context's other names can be
    read near it (in the same division, or within ``MUTUAL_KM``), averaged over those names.
    Two ambiguous names thus pull each other home: London and St. Thomas meet in Ontario."""
    local: dict[str, list[Place]] = {}
    for toponym, found in zip(toponyms, options, strict=True):
        if toponym.key not in local:
            places = [c.place for c in found[:MUTUAL_CANDIDATES] if is_local(c.place)]
            if places:
                local[toponym.key] = places
    if len(local) < 2:
        return {}
    guides = [key for key in local if key in context]
    readings = _Readings(guides, local)
    support: dict[str, dict[int, float]] = {}
    for key, places in local.items():
        if len(guides) - (key in context) < 1:
            continue
        support[key] = {}
        for place in places:
            best = readings.best_links(place, key)
            links = [best[i] for i, guide in enumerate(guides) if guide != key]
            support[key][place.index] = sum(links) / len(links)
    return support


class _Readings:
    """The local readings of the guiding names, indexed for ``best_links``."""

    def __init__(self, guides: list[str], local: dict[str, list[Place]]) -> None:
        self._guides = guides
        entries = [(place, i) for i, key in enumerate(guides) for place in local[key]]
        self._towns = LatitudeIndex((p, i) for p, i in entries if not p.is_admin1)
        self._divisions = LatitudeIndex((p, i) for p, i in entries if p.is_admin1)
        self._towns_in: dict[str | None, list[int]] = defaultdict(list)
        self._division_named: dict[str | None, list[int]] = defaultdict(list)
        for place, i in entries:
            named = self._division_named if place.is_admin1 else self._towns_in
            named[place.admin1_code].append(i)

    def best_links(self, place: Place, key: str) -> list[float]:
        """For each guiding name, the best link of ``place`` with one of its readings: 1 for a
        town inside a division (or the reverse), else 1 falling to 0 at ``MUTUAL_KM``."""
        best = [0.0] * len(self._guides)
        alike = self._divisions if place.is_admin1 else self._towns
        band = alike.band(place, MUTUAL_KM)
        tally = current_tally()
        if tally is not None:
            tally.distances += len(band)
        for other, i in band:
            if self._guides[i] != key:
                km = distance_km(place.lat, place.lon, other.lat, other.lon)
                best[i] = max(best[i], 0.0, 1.0 - km / MUTUAL_KM)
        across = self._towns_in if place.is_admin1 else self._division_named
        for i in across.get(place.admin1_code, ()):
            best[i] = 1.0
        return best
