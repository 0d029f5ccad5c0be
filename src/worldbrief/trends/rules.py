"""The three rules, each over literal counts. Arithmetic is exact (``Fraction``), so a change of
exactly +25%, +10% or -25% falls on the side docs/trends.md says, never on a rounding error."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from worldbrief.domain.trends import (
    ChangeLevel,
    ChangeReading,
    MonthlyArrow,
    MonthlyReading,
    SurgeReading,
)

LARGE_INCREASE_ABOVE = Fraction(25)  # percent; strictly above is a large increase
MODERATE_FROM = Fraction(10)  # +10% up to +25% inclusive is a moderate increase
LARGE_DECREASE_BELOW = Fraction(-25)  # strictly below is a large decrease
LOW_ACTIVITY_AVERAGE = 2  # a baseline averaging this many or fewer a week ...
LOW_ACTIVITY_CURRENT = 5  # ... with this many or fewer now is "limited change"
SURGE_FACTOR = 2  # "at least 100% above": at least double
SURGE_MIN_AVERAGE = 1  # only for divisions averaging at least one event a week


def _checked(name: str, counts: Sequence[int]) -> None:
    if not counts:
        raise ValueError(f"{name} must hold at least one week, got none")
    negative = [c for c in counts if c < 0]
    if negative:
        raise ValueError(f"{name} must be counts of zero or more, got {negative[0]}")


def change_level(current: int, baseline: Sequence[int]) -> ChangeReading:
    """``current`` (this week's count) against the average of ``baseline`` (the weeks before
    it: 4 for the month, 52 for the year)."""
    _checked("current", [current])
    _checked("baseline", baseline)
    average = Fraction(sum(baseline), len(baseline))
    low = average <= LOW_ACTIVITY_AVERAGE and current <= LOW_ACTIVITY_CURRENT
    percent = (current - average) * 100 / average if average else None
    if low:
        level = ChangeLevel.LIMITED_CHANGE
    elif percent is None or percent > LARGE_INCREASE_ABOVE:  # None: nothing before, some now
        level = ChangeLevel.LARGE_INCREASE
    elif percent >= MODERATE_FROM:
        level = ChangeLevel.MODERATE_INCREASE
    elif percent >= LARGE_DECREASE_BELOW:
        level = ChangeLevel.LIMITED_CHANGE
    else:
        level = ChangeLevel.LARGE_DECREASE
    return ChangeReading(level, current, len(baseline), average, percent, low)


def surge(current: int, month: Sequence[int]) -> SurgeReading:
    """Is ``current`` (last week) at least double the weekly average of ``month`` (the four
    weeks before it)? Only where that average is at least one event a week."""
    _checked("current", [current])
    _checked("month", month)
    average = Fraction(sum(month), len(month))
    eligible = average >= SURGE_MIN_AVERAGE
    return SurgeReading(eligible and current >= SURGE_FACTOR * average, current, average, eligible)


def monthly_arrow(this_month: int, earlier_months: Sequence[int]) -> MonthlyReading:
    """``this_month`` (the total of the last four weeks) against the average of
    ``earlier_months`` (totals of the four-week blocks before it, three of them in
    ``trend_of``): the change rule on monthly totals, where a large increase is
    "deteriorated", a large decrease "improved" and anything else "unchanged"."""
    change = change_level(this_month, earlier_months)
    arrow = {
        ChangeLevel.LARGE_INCREASE: MonthlyArrow.DETERIORATED,
        ChangeLevel.LARGE_DECREASE: MonthlyArrow.IMPROVED,
    }.get(change.level, MonthlyArrow.UNCHANGED)
    return MonthlyReading(arrow, change)
