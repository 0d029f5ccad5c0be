"""The gazetteer: every place the geoparser knows, and the names that lead to them.

Stored by column (plain lists) rather than one object per place, so that the cached form
unpickles in a fraction of a second; ``Place`` objects are made only for looked-up names.
"""

from __future__ import annotations

import gc
import math
import os
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from worldbrief.geo.place_names import name_key

PLACES_KEPT = 100_000  # made places kept for reuse; a bound, far above what texts touch


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. ``admin1`` is the GeoNames name of its first-level division."""

    index: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str
    admin1_code: str | None  # "US.TX": country code and GeoNames admin1 code
    admin1: str | None
    feature: str  # GeoNames class.code: "P.PPL", "A.ADM1", "A.PCLI", "T.VAL"...
    population: int
    importance: float  # see ``importance()``
    multinational: bool = False  # a continent, or a sea, range or region shared by countries
    countries: tuple[str, ...] = ()  # the countries a shared place lies in, when known

    @property
    def own_country(self) -> str:
        """The country the place lies in; none ("") for a place shared by several."""
        return "" if self.multinational else self.country

    @property
    def feature_class(self) -> str:
        return self.feature.split(".", 1)[0]

    @property
    def is_country(self) -> bool:
        return self.feature.startswith("A.PCL")

    @property
    def is_admin1(self) -> bool:
        return self.feature == "A.ADM1"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may stand for; ``alternate`` when the name is not its main name."""

    place: Place
    alternate: bool


@dataclass(slots=True)
class PlaceColumns:
    """The places, one list per field; index ``i`` of every list describes place ``i``."""

    geonameid: list[int]  # 0 where GeoNames has none (regions of our own layer)
    name: list[str]
    lat: list[float]
    lon: list[float]
    country: list[str]
    admin1_code: list[str]
    admin1: list[str]
    feature: list[str]
    population: list[int]
    importance: list[float]
    multinational: set[int]  # indexes of places shared by several countries
    shared_by: dict[int, tuple[str, ...]]  # the countries of those, where known

    @classmethod
    def empty(cls) -> PlaceColumns:
        return cls([], [], [], [], [], [], [], [], [], [], set(), {})

    def append(
        self,
        geonameid: int | None,
        name: str,
        lat: float,
        lon: float,
        country: str,
        admin1_code: str | None,
        admin1: str | None,
        feature: str,
        population: int,
        curated: bool = False,
        multinational: bool = False,
        shared_by: tuple[str, ...] = (),
    ) -> int:
        self.geonameid.append(geonameid or 0)
        self.name.append(name)
        self.lat.append(lat)
        self.lon.append(lon)
        self.country.append(country)
        self.admin1_code.append(admin1_code or "")
        self.admin1.append(admin1 or "")
        self.feature.append(feature)
        self.population.append(population)
        self.importance.append(importance(feature, population, curated))
        if multinational or shared_by:
            self.multinational.add(len(self.name) - 1)
        if shared_by:
            self.shared_by[len(self.name) - 1] = shared_by
        return len(self.name) - 1


class Gazetteer:
    """Places plus a name index; ``names`` maps a ``name_key`` to encoded candidates
    (``index * 2 + alternate``), most important place first."""

    def __init__(self, places: PlaceColumns, names: dict[str, tuple[int, ...]]) -> None:
        self._places = places
        self._names = names
        self._countries: dict[str, int] | None = None
        self._longest_key_words: int | None = None
        # Places are immutable and the same few thousand recur from text to text: each is
        # made once (the columns only ever grow, so a kept place never goes stale).
        self._made: dict[int, Place] = {}

    def __len__(self) -> int:
        return len(self._places.name)

    @property
    def name_count(self) -> int:
        return len(self._names)

    def place(self, index: int) -> Place:
        made = self._made.get(index)
        if made is None:
            if len(self._made) >= PLACES_KEPT:
                self._made.clear()
            made = self._made[index] = self._make_place(index)
        return made

    def _make_place(self, index: int) -> Place:
        p = self._places
        return Place(
            index,
            p.geonameid[index] or None,
            p.name[index],
            p.lat[index],
            p.lon[index],
            p.country[index],
            p.admin1_code[index] or None,
            p.admin1[index] or None,
            p.feature[index],
            p.population[index],
            p.importance[index],
            index in p.multinational,
            p.shared_by.get(index, ()),
        )

    def has_key(self, key: str) -> bool:
        return key in self._names

    @property
    def longest_key_words(self) -> int:
        """The most words in any key: no longer piece of a text can name a place."""
        if self._longest_key_words is None:
            self._longest_key_words = max((key.count(" ") + 1 for key in self._names), default=0)
        return self._longest_key_words

    def candidates(self, text: str) -> list[Candidate]:
        """The places a written name may stand for, most important first."""
        return self.candidates_for_key(name_key(text))

    def candidates_for_key(self, key: str) -> list[Candidate]:
        return [
            Candidate(self.place(code >> 1), bool(code & 1)) for code in self._names.get(key, ())
        ]

    def find(
        self, name: str, country: str | None = None, feature: str | None = None
    ) -> Place | None:
        """The most important place of that name, optionally in a country and of a feature."""
        for candidate in self.candidates(name):
            place = candidate.place
            if country is not None and place.country != country:
                continue
            if feature is not None and not place.feature.startswith(feature):
                continue
            return place
        return None

    def find_country(self, code: str) -> Place | None:
        """The country feature for an ISO 3166-1 alpha-2 code."""
        if self._countries is None:
            p = self._places
            self._countries = {
                p.country[i]: i for i, feature in enumerate(p.feature) if feature == "A.PCLI"
            }
        index = self._countries.get(code.upper())
        return None if index is None else self.place(index)

    def save(self, path: Path) -> None:
        """Write atomically, so a reader never sees half a file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.partial")
        with partial.open("wb") as handle:
            pickle.dump((self._places, self._names), handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(path)

    @classmethod
    def load(cls, path: Path) -> Gazetteer:
        with path.open("rb") as handle:
            gc.disable()  # millions of small objects: the collector would only slow this down
            try:
                # Our own cache file, written by ``save`` above; never a file from elsewhere.
                loaded = pickle.load(handle)  # noqa: S301
            finally:
                gc.enable()
        places, names = loaded if isinstance(loaded, tuple) and len(loaded) == 2 else (None, None)
        if not isinstance(places, PlaceColumns) or not isinstance(names, dict):
            raise ValueError(f"{path}: not a gazetteer cache file")
        return cls(places, names)


def encode_candidates(entries: Sequence[tuple[int, bool]]) -> tuple[int, ...]:
    return tuple(index * 2 + int(alternate) for index, alternate in entries)


_FEATURE_BONUS = {"A.PCLI": 4.0, "A.ADM1": 1.0, "P.PPLC": 2.5, "L.CONT": 6.0}
CURATED_IMPORTANCE = 8.0  # regions and features of our own layer: famous by construction


def importance(feature: str, population: int, curated: bool = False) -> float:
    """How likely a bare mention of a name means this place, before any context: bigger and
    higher in the hierarchy wins (roughly log10 of population plus a bonus per feature)."""
    if curated and feature != "L.CONT":
        return CURATED_IMPORTANCE + (2.0 if feature.startswith("A.") else 0.0)
    bonus = _FEATURE_BONUS.get(feature, 3.0 if feature.startswith("A.PCL") else 0.0)
    return math.log10(population + 1) + bonus
