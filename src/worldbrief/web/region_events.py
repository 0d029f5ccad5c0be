"""The event parts of a region's page, aggregated over its countries: the choropleth of
distinct events per country with each country's monthly arrow, the trend of the countries
together, their weekly events stacked by type, the actors most active and the latest events."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from worldbrief.membership.roles import Viewer
from worldbrief.services.country_events import (
    SHARE_WEEKS,
    active_actors,
    event_periods,
    latest_events_of,
    region_event_shares,
    region_trend,
    with_evidence,
)
from worldbrief.services.platform import Platform
from worldbrief.services.region_period import region_period
from worldbrief.web.country_event_views import (
    TYPE_CLASSES,
    actor_rows,
    event_rows,
    event_week_rows,
    legend,
    share_rows,
    trend_view,
)
from worldbrief.web.map_views import day_label


def region_event_parts(
    platform: Platform, region_id: str, viewer: Viewer, today: date, until: date | None = None
) -> dict[str, Any]:
    """What region.html shows of events, as template values: as of the last complete week
    before ``today``, or of the week of ``until`` when that is earlier."""
    period = region_period(today, until)
    first, week = period.first, period.last
    shares = region_event_shares(platform, region_id, week)
    codes = [s.code for s in shares]
    events = event_periods(platform, codes, first, week)
    recent = latest_events_of(platform, codes)
    actors, sampled = active_actors(platform, codes)
    trend = trend_view(region_trend(platform, codes, week))
    return {
        "event_shares": share_rows(shares),
        "share_period": f"{day_label(week - timedelta(weeks=SHARE_WEEKS - 1))} to "
        f"{day_label(week + timedelta(days=6))}",
        "trend": trend,
        "event_timeline": events,
        "event_legend": legend(events),
        "event_week_rows": event_week_rows(events, {}),
        "timeline_label": f"{day_label(first)} to {day_label(week + timedelta(days=6))}",
        "timeline_api": f"/api/regions/{region_id}/timeline?to={week}",
        "trend_week_note": (
            "the last complete week" if period.ends_complete else "the week of the date asked for"
        ),
        "type_classes": TYPE_CLASSES,
        "actors": actor_rows(actors),
        "actors_sampled": sampled,
        "latest_events": event_rows(with_evidence(platform, recent, viewer)),
    }
