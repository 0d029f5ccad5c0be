"""The weeks a region's page and its timeline API show: 261 ending with the week judged."""

from __future__ import annotations

from datetime import date, timedelta

from worldbrief.services.region_period import REGION_WEEKS, region_period

TODAY = date(2026, 12, 1)  # a Tuesday: the last complete week began on Monday 23 November
COMPLETE = date(2026, 11, 23)


def test_without_a_day_it_ends_with_the_last_complete_week() -> None:
    period = region_period(TODAY)
    assert (period.last, period.complete) == (COMPLETE, COMPLETE) and period.ends_complete
    assert period.first == COMPLETE - timedelta(weeks=REGION_WEEKS - 1)
    assert period.first.weekday() == 0 and (period.last - period.first).days // 7 + 1 == 261


def test_an_earlier_day_ends_it_with_that_day_s_week() -> None:
    period = region_period(TODAY, date(2026, 6, 10))
    assert period.last == date(2026, 6, 8) and not period.ends_complete
    assert period.first == date(2026, 6, 8) - timedelta(weeks=260)


def test_a_later_day_changes_nothing() -> None:
    assert region_period(TODAY, date(2026, 11, 30)) == region_period(TODAY)
    assert region_period(TODAY, date(2027, 1, 1)).last == COMPLETE
