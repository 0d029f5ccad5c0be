"""Trends and signals over weekly event counts: ACLED Trendfinder change levels, surges and a
monthly arrow, as pure functions (docs/trends.md)."""

from worldbrief.trends.readings import MONTH_WEEKS, YEAR_WEEKS, trend_of
from worldbrief.trends.rules import change_level, monthly_arrow, surge
from worldbrief.trends.weeks import week_of, weekly_series

__all__ = [
    "MONTH_WEEKS",
    "YEAR_WEEKS",
    "change_level",
    "monthly_arrow",
    "surge",
    "trend_of",
    "week_of",
    "weekly_series",
]
