"""A country's page: profile, map of its events and of the places articles name, the trend
readings, weekly events stacked by type with the articles, the actors most active, the latest
events with their evidence, then the latest articles. Every read is a bounded range."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from worldbrief.domain.listing import ListingQuery
from worldbrief.membership.roles import Viewer
from worldbrief.services.browse import listing
from worldbrief.services.country_events import (
    active_actors,
    country_trend,
    event_periods,
    judged_week,
    latest_events_of,
    with_evidence,
)
from worldbrief.services.country_pages import (
    CountryProfile,
    PeriodError,
    country_places,
    country_profile,
    country_timeline,
)
from worldbrief.services.division_trends import country_division_readings
from worldbrief.services.kept_place_bodies import PlaceBody, place_bodies_of
from worldbrief.services.platform import Platform
from worldbrief.web.country_event_views import (
    TYPE_CLASSES,
    actor_rows,
    event_rows,
    event_week_rows,
    legend,
    trend_view,
)
from worldbrief.web.country_models import GEONAMES_CREDIT
from worldbrief.web.deps import PlatformDep, ViewerDep
from worldbrief.web.division_map_views import SHADES, division_outlines, division_rows
from worldbrief.web.map_views import (
    WORLD_DETAILED,
    day_label,
    numeric_id,
    period_links,
    profile_facts,
)
from worldbrief.web.query_days import query_day
from worldbrief.web.routes.pages import PER_PAGE, CursorParam, place_body, place_key, place_page
from worldbrief.web.views import region_chip

router = APIRouter(include_in_schema=False)
PLACES_LISTED = 12  # the most named places, listed beside the map


@router.get("/countries/{code}", response_class=HTMLResponse)
def country(
    request: Request,
    code: str,
    platform: PlatformDep,
    viewer: ViewerDep,
    cursor: CursorParam = None,
    date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
    date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
) -> HTMLResponse:
    found = platform.taxonomy.find_country(code.upper())
    if found is None:
        raise HTTPException(404, "No country has that ISO 3166-1 alpha-2 code.")
    first, last = query_day(date_from, "from"), query_day(date_to, "to")
    today = date.today()
    path = f"/countries/{found.code.lower()}"
    profile = country_profile(platform, found)

    def rendered() -> PlaceBody:
        return place_body(
            request,
            "_country_body.html",
            listing(platform, ListingQuery(countries=(found.code,), limit=PER_PAGE, cursor=cursor)),
            heading=found.name,
            path=path,
            children=[],
            extra=_country_parts(platform, viewer, profile, first, last, today),
        )

    key = place_key("country", found.code, cursor, last, today, viewer, first)
    return place_page(
        request,
        platform,
        place_bodies_of(platform).kept_or_rendered(key, rendered),
        heading=found.name,
        kind="Country",
        path=path,
        breadcrumbs=[region_chip(r.id, r.name) for r in profile.regions],
        template="country.html",
    )


def _country_parts(
    platform: Platform,
    viewer: Viewer,
    profile: CountryProfile,
    first: date | None,
    last: date | None,
    today: date,
) -> dict[str, Any]:
    """What _country_body.html shows beyond the listing, as template values."""
    code = profile.country.code
    try:
        timeline = country_timeline(platform, code, first, last)
    except PeriodError as error:
        raise HTTPException(400, f"That period cannot be shown: {error}.") from None
    places = country_places(platform, code, PLACES_LISTED)
    path = f"/countries/{code.lower()}"
    busy_weeks = sum(1 for w in timeline.weeks if w.articles)
    events = event_periods(platform, [code], timeline.first, timeline.last, busy_weeks)
    # The week judged is the last complete one, or the period's last when it ends earlier.
    complete = judged_week(today)
    judged = min(complete, timeline.last)
    recent = latest_events_of(platform, [code])
    actors, sampled = active_actors(platform, [code])
    articles_by_week = {w.week: w.articles for w in timeline.weeks}
    api = f"/api{path}"
    return {
        "code": code,
        "facts": profile_facts(profile),
        "numeric": numeric_id(profile.facts.iso_numeric if profile.facts else None),
        "world_map": WORLD_DETAILED,
        "places": places,
        "places_api": f"{api}/places",
        "timeline": timeline,
        "timeline_api": f"{api}/timeline?from={timeline.first}&to={timeline.last}",
        "timeline_label": f"{day_label(timeline.first)} to {day_label(timeline.last)}",
        "events_api": f"{api}/events",
        "event_timeline": events,
        "event_legend": legend(events),
        "event_week_rows": event_week_rows(events, articles_by_week),
        "type_classes": TYPE_CLASSES,
        "trend": trend_view(country_trend(platform, code, judged)),
        "division_outlines": division_outlines(code),
        "division_rows": division_rows(country_division_readings(platform, code, judged)),
        "division_shades": SHADES,
        "trend_week_note": (
            "the last complete week" if judged == complete else "the last week shown"
        ),
        "actors": actor_rows(actors),
        "actors_sampled": sampled,
        "latest_events": event_rows(with_evidence(platform, recent, viewer)),
        "periods": period_links(path, timeline),
        "credit": GEONAMES_CREDIT,
        "page_path": path,
    }
