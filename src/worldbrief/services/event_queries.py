"""Searching distinct events with every filter a reader may give (country, division, region,
type, subtype, actor, dates, bounding box, words), a page of them, and the counts shown with
the page. Event fields are metadata everyone may see; nothing here reads article text, so
neither a page, a total nor a facet can reveal a members-only body.

Counts are of a bounded window (``store.event_search``): the newest ``FACET_WINDOW`` events of
the countries and dates asked for; ``EventFacets.complete`` says whether that was all of them.
With no filter they are of every event, read from kept tallies. They are kept between writes
(``services.event_facet_cache``): every page of a query shares them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from worldbrief.domain.event_query import BoundingBox, EventFacets, EventQuery
from worldbrief.domain.linked_events import EventCursor, LinkedEvent
from worldbrief.search.values import FilterValueError, country_filter
from worldbrief.services.event_facet_cache import facet_cache_of
from worldbrief.services.events import EventQueryError
from worldbrief.services.platform import Platform

MAX_PAGE = 100
MAX_OFFSET = 10_000  # page numbers reach the first 10,000 events, as search does
FACET_WINDOW = 10_000
PAGE_SCAN = 10_000  # rows of the range a filter no index leads with is tested on, a page
MAX_WORDS = 10
MAX_REGION_COUNTRIES = 300


@dataclass(frozen=True, slots=True)
class EventResults:
    events: tuple[LinkedEvent, ...]
    next: EventCursor | None  # where the next page starts; None on the last
    facets: EventFacets
    actor_names: dict[str, str]  # of the actor facet's entity ids


def event_query(
    platform: Platform,
    *,
    country: str | None = None,
    admin1: str | None = None,
    region: str | None = None,
    event_type: str | None = None,
    subtype: str | None = None,
    actor: str | None = None,
    since: date | None = None,
    until: date | None = None,
    bbox: str | None = None,
    q: str | None = None,
) -> EventQuery:
    """The query the parameters describe; ``EventQueryError`` names a value it cannot take."""
    countries: tuple[str, ...] = ()
    if country is not None:
        try:  # "UK" or "ZZ" would match nothing, silently
            countries = (country_filter(country),)
        except FilterValueError as error:
            raise EventQueryError(str(error)) from None
    if region is not None:
        found = platform.taxonomy.find_region(region.strip().lower())
        if found is None:
            raise EventQueryError(
                "region must be a region id such as central-asia (see /api/regions)"
            )
        members = tuple(c.code for c in platform.taxonomy.countries_in(found.id))
        countries = tuple(c for c in members if c in countries) if countries else members
        if not countries:  # a country outside the region: nothing can match
            countries = ("--",)
    if since is not None and until is not None and until < since:
        raise EventQueryError("the period ends before it starts: to must not be before from")
    words = tuple(q.split()) if q else ()
    if len(words) > MAX_WORDS:
        raise EventQueryError(f"q may hold at most {MAX_WORDS} words")
    return EventQuery(
        countries=countries[:MAX_REGION_COUNTRIES],
        admin1=_text(admin1),
        type=_text(event_type),
        subtype=_text(subtype),
        actor=_text(actor),
        since=since,
        until=until,
        bbox=parse_bbox(bbox) if bbox is not None else None,
        words=words,
    )


def parse_bbox(text: str) -> BoundingBox:
    """``west,south,east,north`` in degrees (GeoJSON's order)."""
    parts = text.split(",")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        values = []
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        raise EventQueryError("bbox must be four numbers 'west,south,east,north'")
    west, south, east, north = values
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise EventQueryError("bbox longitudes must be within -180 to 180")
    if not (-90 <= south <= north <= 90):
        raise EventQueryError("bbox latitudes must be within -90 to 90, south before north")
    return BoundingBox(west, south, east, north)


def search_events(
    platform: Platform,
    where: EventQuery,
    limit: int = 20,
    after: EventCursor | None = None,
    page: int | None = None,
) -> EventResults:
    """A page of matching events, newest first (by date, then id), either after the cursor
    ``after`` or the ``page``-th of ``limit`` (page numbers reach the first 10,000 events),
    with the counts of ``where`` (whatever the page). A filter no index leads with is tested
    on at most ``PAGE_SCAN`` events of the range a page: a rare one may give a short (even
    empty) page whose cursor goes on where the scan stopped."""
    if not 1 <= limit <= MAX_PAGE:
        raise EventQueryError(f"limit must be 1 to {MAX_PAGE}")
    offset = 0
    if page is not None:
        if after is not None:
            raise EventQueryError("give either page or cursor, not both")
        offset = (page - 1) * limit
        if page < 1 or offset + limit > MAX_OFFSET:
            raise EventQueryError(
                f"the page is past the first {MAX_OFFSET:,} events: narrow the "
                "filters or page with the cursor"
            )
    # The counts' cache is keyed by the sequence of the store they are read from.
    store, reads = platform.site_reads.lagging, platform.site_reads.events.queries
    found, scan_end = reads.bounded_page(where, limit + 1, after, offset, PAGE_SCAN)
    shown = tuple(found[:limit])
    last = shown[-1] if shown else None
    following = scan_end  # a short page of a rare filter: go on from where the scan ended
    if len(found) > limit and last is not None and last.date is not None:
        following = EventCursor(last.date, last.id)
    facets = facet_cache_of(store).facets(where, FACET_WINDOW, reads.facets)
    names = reads.actor_names([f.value for f in facets.actor])
    return EventResults(shown, following, facets, names)


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    stripped = value.strip()
    return stripped or None
