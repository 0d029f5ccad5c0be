"""What a reader asks of the distinct events (``/api/events``, its exports and feeds), and the
counts that come back with a page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class BoundingBox:
    """Degrees; ``west > east`` crosses the antimeridian."""

    west: float
    south: float
    east: float
    north: float


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Every filter is optional and all given must hold. ``countries`` holds the country asked
    for or the countries of the region asked for (either of them); ``words`` must all appear
    in the event's type, subtype, place, division, country code or actors; ``actor`` is an
    actor's whole name (any case) or an entity id."""

    countries: tuple[str, ...] = ()
    admin1: str | None = None
    type: str | None = None
    subtype: str | None = None
    actor: str | None = None
    since: date | None = None
    until: date | None = None
    bbox: BoundingBox | None = None
    words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FacetCount:
    value: str
    count: int


@dataclass(frozen=True, slots=True)
class EventFacets:
    """Counts over the newest ``counted`` matching events. ``complete`` when those are all of
    them: ``counted`` is then the total; otherwise more match than the counting window."""

    counted: int
    complete: bool
    type: tuple[FacetCount, ...]
    country: tuple[FacetCount, ...]
    actor: tuple[FacetCount, ...]  # entity ids, most first (newest 2,000 of a filtered range)
    month: tuple[FacetCount, ...]  # YYYY-MM, newest first
