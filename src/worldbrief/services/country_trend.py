"""A country's trend as the API gives it: the Trendfinder change levels of its latest week
against the 4 and 52 weeks before, the monthly arrow, and the surge rule for each of its
first-level divisions (docs/trends.md). Counts are of distinct events, read from ranges of
``(place_country, week, type)``: the cost follows the 53 weeks read, not the store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from worldbrief.domain.trends import SurgeReading, Trend
from worldbrief.services.events import event_trend
from worldbrief.services.platform import Platform
from worldbrief.trends import MONTH_WEEKS, surge, week_of, weekly_series

TREND_WEEKS = 53  # the week judged and the 52 before it


@dataclass(frozen=True, slots=True)
class DivisionSurge:
    admin1: str
    reading: SurgeReading


@dataclass(frozen=True, slots=True)
class CountryTrend:
    code: str
    week: date  # the Monday of the week judged
    trend: Trend
    divisions: tuple[DivisionSurge, ...]  # divisions with events in the last 5 weeks


def country_trend(platform: Platform, code: str, week: date) -> CountryTrend:
    """The trend of ``code`` (an upper-case alpha-2 code) for the week holding ``week``."""
    end = week_of(week)
    trend = event_trend(platform, end, TREND_WEEKS, country=code)
    start = end - timedelta(weeks=MONTH_WEEKS)
    counts = platform.site_reads.events.queries.division_weekly_counts(code, start, end)
    divisions = []
    for admin1, weeks in sorted(counts.items()):
        *month, current = weekly_series(weeks, end, MONTH_WEEKS + 1)
        divisions.append(DivisionSurge(admin1, surge(current, month)))
    divisions.sort(key=lambda d: (not d.reading.surge, -d.reading.current, d.admin1))
    return CountryTrend(code, end, trend, tuple(divisions))
