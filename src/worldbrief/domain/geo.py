"""Where an article is about: countries, regions and places, each with evidence."""

from __future__ import annotations

from dataclasses import dataclass

from worldbrief.domain.spans import Span


@dataclass(frozen=True, slots=True)
class Region:
    """A node of the region taxonomy (e.g. ``eurasia`` > ``central-asia``)."""

    id: str
    name: str
    parent_id: str | None = None


@dataclass(frozen=True, slots=True)
class Country:
    """A country of ISO 3166-1, placed in the region taxonomy."""

    code: str  # ISO 3166-1 alpha-2, upper case
    name: str
    region_ids: tuple[str, ...] = ()  # from the broadest region to the narrowest


@dataclass(frozen=True, slots=True)
class CountryMention:
    """A country an article mentions; ``focus`` marks the ones it is about and ``primary`` the
    one focus country it is most about (at most one per article)."""

    code: str
    name: str
    score: float
    focus: bool
    evidence: tuple[Span, ...] = ()
    primary: bool = False


@dataclass(frozen=True, slots=True)
class RegionMention:
    """A region an article concerns, derived from its focus countries."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A resolved toponym: the mention's span and the gazetteer entry chosen for it."""

    start: int
    end: int
    text: str
    name: str
    geonameid: int | None
    lat: float
    lon: float
    country: str
    admin1: str | None
    feature: str  # GeoNames feature class and code, e.g. "P.PPL", "A.PCLI"
