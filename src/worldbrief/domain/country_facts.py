"""A country's profile facts from GeoNames (CC BY 4.0, https://www.geonames.org/)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CountryFacts:
    code: str  # ISO 3166-1 alpha-2
    iso_numeric: int | None  # ISO 3166-1 numeric: Natural Earth's id in the world map
    capital: str | None
    population: int | None
    area_km2: float | None
