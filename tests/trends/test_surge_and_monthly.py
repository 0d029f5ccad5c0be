"""Surges and the monthly arrow on literal weekly counts."""

import pytest

from worldbrief.domain.trends import ChangeLevel, MonthlyArrow
from worldbrief.trends import monthly_arrow, surge


def test_a_surge_is_at_least_double_the_month_average() -> None:
    assert surge(8, [4, 4, 4, 4]).surge  # exactly +100%
    assert not surge(7, [4, 4, 4, 4]).surge
    assert surge(40, [4, 4, 4, 4]).surge


def test_no_surge_where_the_month_averaged_under_one_a_week() -> None:
    reading = surge(30, [1, 0, 1, 1])  # 0.75 a week
    assert not reading.surge and not reading.eligible
    assert surge(2, [1, 1, 1, 1]).surge  # exactly one a week is eligible
    assert not surge(0, [0, 0, 0, 0]).surge


def test_monthly_arrow_follows_the_change_rule_on_four_week_totals() -> None:
    assert monthly_arrow(26, [20, 20, 20]).arrow is MonthlyArrow.DETERIORATED  # +30%
    assert monthly_arrow(25, [20, 20, 20]).arrow is MonthlyArrow.UNCHANGED  # exactly +25%
    moderate = monthly_arrow(24, [20, 20, 20])
    assert moderate.arrow is MonthlyArrow.UNCHANGED
    assert moderate.change.level is ChangeLevel.MODERATE_INCREASE
    assert monthly_arrow(15, [20, 20, 20]).arrow is MonthlyArrow.UNCHANGED  # exactly -25%
    assert monthly_arrow(14, [20, 20, 20]).arrow is MonthlyArrow.IMPROVED


def test_a_quiet_month_is_unchanged() -> None:
    assert monthly_arrow(5, [0, 1, 2]).arrow is MonthlyArrow.UNCHANGED
    assert monthly_arrow(6, [0, 0, 0]).arrow is MonthlyArrow.DETERIORATED


def test_bad_input_is_refused_naming_it() -> None:
    with pytest.raises(ValueError, match="month"):
        surge(3, [])
