"""How much has been written about a country, and where: the data of maps and timelines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class PlaceCoverage:
    """A place of a country and how many stored articles name it."""

    code: str  # ISO 3166-1 alpha-2 of the country the place is in
    place_key: str  # the GeoNames id, or ``name@lat,lon`` for a place without one
    name: str
    admin1: str | None
    feature: str  # GeoNames feature class and code, e.g. "P.PPL", "A.ADM1"
    lat: float
    lon: float
    articles: int


@dataclass(frozen=True, slots=True)
class WeekCount:
    """Articles about a country published in the ISO week starting ``week`` (a Monday, UTC)."""

    week: date
    articles: int
