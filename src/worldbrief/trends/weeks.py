"""Weeks as the rules count them: ISO weeks, Monday to Sunday, in UTC."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta

WEEK = timedelta(days=7)


def week_of(moment: datetime | date) -> date:
    """The Monday that starts the week of ``moment`` (a datetime is taken in UTC)."""
    day = moment.astimezone(UTC).date() if isinstance(moment, datetime) else moment
    return day - timedelta(days=day.weekday())


def weekly_series(counts: Mapping[date, int], last_week: date, weeks: int) -> list[int]:
    """``weeks`` counts, oldest first, ending with the week that starts ``last_week`` (a
    Monday); a week missing from ``counts`` counts zero."""
    if weeks < 1:
        raise ValueError(f"weeks must be 1 or more, got {weeks}")
    if last_week.weekday() != 0:
        raise ValueError(f"last_week must be a Monday, got {last_week.isoformat()}")
    first = last_week - WEEK * (weeks - 1)
    return [counts.get(first + WEEK * i, 0) for i in range(weeks)]
