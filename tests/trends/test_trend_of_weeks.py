"""All readings from one run of weekly counts, and the weeks they are counted in."""

from datetime import UTC, date, datetime
from fractions import Fraction

import pytest

from worldbrief.domain.trends import ChangeLevel, MonthlyArrow
from worldbrief.trends import trend_of, week_of, weekly_series


def test_a_run_of_a_year_and_more_gives_every_reading() -> None:
    # A year of 10 a week, then a month rising to 40.
    weekly = [10] * 48 + [10, 10, 10, 10] + [12, 15, 20, 40]
    trend = trend_of(weekly)
    assert trend.weeks == 56
    assert trend.against_month is not None and trend.against_year is not None
    assert trend.against_month.baseline_average == Fraction(57, 4)  # 10, 12, 15, 20
    assert trend.against_month.level is ChangeLevel.LARGE_INCREASE
    assert trend.against_year.baseline_weeks == 52
    assert trend.surge is not None and trend.surge.surge
    assert trend.monthly is not None and trend.monthly.arrow is MonthlyArrow.DETERIORATED
    assert trend.monthly.change.current == 87 and trend.monthly.change.baseline_average == 40


def test_a_short_run_leaves_out_what_it_cannot_judge() -> None:
    trend = trend_of([3, 4])
    assert trend.against_month is None and trend.surge is None
    assert trend.against_year is None and trend.monthly is None
    five = trend_of([1, 1, 1, 1, 9])
    assert five.against_month is not None and five.surge is not None
    assert five.against_year is None and five.monthly is None
    assert trend_of([0] * 16).monthly is not None
    assert trend_of([0] * 53).against_year is not None


def test_an_empty_run_is_refused() -> None:
    with pytest.raises(ValueError, match="weekly"):
        trend_of([])


def test_weeks_start_on_monday_in_utc() -> None:
    assert week_of(date(2026, 11, 29)) == date(2026, 11, 23)  # a Sunday
    assert week_of(date(2026, 11, 30)) == date(2026, 11, 30)  # a Monday
    # Late Sunday in New York is Monday in UTC.
    assert week_of(datetime(2026, 11, 30, 1, 0, tzinfo=UTC)) == date(2026, 11, 30)


def test_weekly_series_fills_quiet_weeks_with_zero() -> None:
    counts = {date(2026, 11, 16): 4, date(2026, 11, 30): 7, date(2026, 10, 5): 99}
    assert weekly_series(counts, date(2026, 11, 30), 4) == [0, 4, 0, 7]
    with pytest.raises(ValueError, match="Monday"):
        weekly_series(counts, date(2026, 11, 29), 4)
    with pytest.raises(ValueError, match="weeks"):
        weekly_series(counts, date(2026, 11, 30), 0)
