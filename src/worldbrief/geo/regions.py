"""The region taxonomy: regions, their sub-regions, and the countries in each sub-region."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from worldbrief.domain import Country, Region
from worldbrief.geo.country_names import CountryNameTable, known_country_codes
from worldbrief.geo.yaml_data import GeoDataError, read_yaml, string_list

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class RegionTaxonomy:
    """Two levels (region > sub-region); every country sits in exactly one sub-region."""

    def __init__(
        self,
        regions: list[Region],
        children: Mapping[str, list[Region]],
        countries: Mapping[str, Country],
    ) -> None:
        self._top = list(regions)
        self._children = {key: list(value) for key, value in children.items()}
        self._regions = {r.id: r for r in regions}
        for subs in children.values():
            self._regions.update({r.id: r for r in subs})
        self._countries = dict(countries)
        self._by_name = sorted(self._countries.values(), key=lambda c: c.name.casefold())

    @classmethod
    def load_default(cls) -> RegionTaxonomy:
        """The bundled taxonomy (``geo/data/regions.yaml``), parsed once per process."""
        return _default_taxonomy()

    @classmethod
    def load(cls, path: Path) -> RegionTaxonomy:
        """A user taxonomy in the bundled file's format; errors name the file and the problem."""
        return _parse(read_yaml(path), str(path), CountryNameTable.load_default())

    def top_regions(self) -> list[Region]:
        return list(self._top)

    def children(self, region_id: str) -> list[Region]:
        self.region(region_id)
        return list(self._children.get(region_id, []))

    def region(self, region_id: str) -> Region:
        found = self._regions.get(region_id)
        if found is None:
            raise KeyError(f"unknown region id {region_id!r}")
        return found

    def find_region(self, region_id: str) -> Region | None:
        return self._regions.get(region_id)

    def country(self, code: str) -> Country:
        found = self.find_country(code)
        if found is None:
            raise KeyError(f"unknown country code {code!r} (expected ISO 3166-1 alpha-2)")
        return found

    def find_country(self, code: str) -> Country | None:
        return self._countries.get(code.strip().upper())

    def countries(self) -> list[Country]:
        return list(self._by_name)

    def countries_in(self, region_id: str) -> list[Country]:
        self.region(region_id)
        return [c for c in self._by_name if region_id in c.region_ids]

    def regions_for(self, code: str) -> tuple[Region, ...]:
        return tuple(self._regions[r] for r in self.country(code).region_ids)


@cache
def _default_taxonomy() -> RegionTaxonomy:
    source = resources.files("worldbrief.geo").joinpath("data", "regions.yaml")
    with resources.as_file(source) as path:
        return _parse(read_yaml(path), "bundled regions.yaml", CountryNameTable.load_default())


def _parse(document: Any, where: str, names: CountryNameTable) -> RegionTaxonomy:
    if not isinstance(document, dict) or not isinstance(document.get("regions"), list):
        raise GeoDataError(f"{where}: expected a mapping with a 'regions' list")
    known = known_country_codes()
    seen_ids: set[str] = set()
    placed: dict[str, Country] = {}
    top: list[Region] = []
    children: dict[str, list[Region]] = {}
    for index, entry in enumerate(document["regions"], start=1):
        region = _region(entry, None, f"{where}: region #{index}", seen_ids)
        top.append(region)
        subs = entry.get("subregions")
        if not isinstance(subs, list) or not subs:
            raise GeoDataError(f"{where}: region {region.id!r} needs a non-empty 'subregions' list")
        children[region.id] = []
        for sub_index, sub_entry in enumerate(subs, start=1):
            label = f"{where}: sub-region #{sub_index} of {region.id!r}"
            sub = _region(sub_entry, region.id, label, seen_ids)
            children[region.id].append(sub)
            codes = string_list(sub_entry.get("countries"), f"{where}: {sub.id!r} countries")
            for code in codes:
                code = code.upper()
                if code not in known:
                    raise GeoDataError(f"{where}: {sub.id!r} lists unknown country code {code!r}")
                if code in placed:
                    first = placed[code].region_ids[-1]
                    raise GeoDataError(
                        f"{where}: country {code} is in both {first!r} and {sub.id!r}"
                    )
                placed[code] = Country(code, names.display_name(code), (region.id, sub.id))
    missing = sorted(known - placed.keys())
    if missing:
        raise GeoDataError(f"{where}: countries in no sub-region: {', '.join(missing)}")
    return RegionTaxonomy(top, children, placed)


def _region(entry: Any, parent_id: str | None, label: str, seen: set[str]) -> Region:
    if not isinstance(entry, dict):
        raise GeoDataError(f"{label}: expected a mapping with 'id' and 'name'")
    region_id, name = entry.get("id"), entry.get("name")
    if not isinstance(region_id, str) or not _SLUG.match(region_id):
        raise GeoDataError(f"{label}: id {region_id!r} is not a kebab-case slug")
    if not isinstance(name, str) or not name.strip():
        raise GeoDataError(f"{label}: region {region_id!r} needs a 'name'")
    if region_id in seen:
        raise GeoDataError(f"{label}: region id {region_id!r} is used twice")
    seen.add(region_id)
    return Region(region_id, name.strip(), parent_id)
