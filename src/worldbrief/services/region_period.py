"""The weeks a region's events are shown for, on its page and in its timeline API alike:
five years of weeks ending with the week judged (the last complete one, or the week of the
day asked for when that is earlier)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from worldbrief.services.country_events import judged_week
from worldbrief.trends import week_of

REGION_WEEKS = 261  # five years of weeks, ending with the week judged


@dataclass(frozen=True, slots=True)
class RegionPeriod:
    first: date  # the Monday of the first week shown
    last: date  # the Monday of the week judged
    complete: date  # the Monday of the last complete week

    @property
    def ends_complete(self) -> bool:
        """Whether the week judged is the last complete one (no earlier day was asked for)."""
        return self.last == self.complete


def region_period(today: date, until: date | None = None) -> RegionPeriod:
    complete = judged_week(today)
    last = min(complete, week_of(until)) if until is not None else complete
    return RegionPeriod(last - timedelta(weeks=REGION_WEEKS - 1), last, complete)
