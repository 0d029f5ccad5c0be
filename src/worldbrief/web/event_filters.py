"""The filters of the events API, its exports and the country events feed, declared once:
``EventFiltersDep`` reads them from the query string (422 for a value of the wrong form),
``query()`` turns them into the service's ``EventQuery`` (``EventQueryError`` for content the
service refuses, which routes answer with 400)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request

from worldbrief.domain.event_query import EventQuery
from worldbrief.services.event_queries import event_query
from worldbrief.services.platform import Platform
from worldbrief.web.query_days import Day
from worldbrief.web.single_values import refuse_repeats

_NAME = {"min_length": 1, "max_length": 100}
_ONCE = ("country", "admin1", "region", "type", "subtype", "actor", "from", "to", "bbox", "q")


@dataclass(frozen=True, slots=True)
class EventFilters:
    country: str | None
    admin1: str | None
    region: str | None
    type: str | None
    subtype: str | None
    actor: str | None
    date_from: Day | None
    date_to: Day | None
    bbox: str | None
    q: str | None

    def query(self, platform: Platform) -> EventQuery:
        return event_query(
            platform,
            country=self.country,
            admin1=self.admin1,
            region=self.region,
            event_type=self.type,
            subtype=self.subtype,
            actor=self.actor,
            since=self.date_from,
            until=self.date_to,
            bbox=self.bbox,
            q=self.q,
        )

    def params(self) -> list[tuple[str, str]]:
        """The filters given, as query parameters (for links to further pages)."""
        given = {
            "country": self.country.upper() if self.country else None,
            "admin1": self.admin1,
            "region": self.region,
            "type": self.type,
            "subtype": self.subtype,
            "actor": self.actor,
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
            "bbox": self.bbox,
            "q": self.q,
        }
        return [(k, v) for k, v in given.items() if v is not None]


def _filters(
    request: Request,
    country: Annotated[
        str | None,
        Query(pattern="^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code of the place."),
    ] = None,
    admin1: Annotated[
        str | None,
        Query(**_NAME, description="First-level division, as GeoNames names it."),
    ] = None,
    region: Annotated[
        str | None,
        Query(**_NAME, description="A region id (e.g. central-asia): any of its countries."),
    ] = None,
    type: Annotated[str | None, Query(**_NAME, description="Event type, e.g. Battles.")] = None,
    subtype: Annotated[
        str | None, Query(**_NAME, description="Event subtype, e.g. Armed clash.")
    ] = None,
    actor: Annotated[
        str | None,
        Query(**_NAME, description="An actor's whole name (any case) or entity id."),
    ] = None,
    date_from: Annotated[Day | None, Query(alias="from", description="Earliest date.")] = None,
    date_to: Annotated[Day | None, Query(alias="to", description="Latest date.")] = None,
    bbox: Annotated[
        str | None,
        Query(
            max_length=200,
            description="`west,south,east,north` in degrees; west > east crosses the antimeridian.",
        ),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=500,
            description="Words (at most 10) that must all appear in the event's type, "
            "subtype, place, division, country code or actors. Evidence is not searched.",
        ),
    ] = None,
) -> EventFilters:
    refuse_repeats(request, _ONCE)
    return EventFilters(country, admin1, region, type, subtype, actor, date_from, date_to, bbox, q)


EventFiltersDep = Annotated[EventFilters, Depends(_filters)]
