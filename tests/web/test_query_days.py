"""A day in a page's query string: empty is none, YYYY-MM-DD in the years kept a day, anything
else a 400."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi import HTTPException

from worldbrief.web.query_days import query_day


def test_days_are_read_and_bad_ones_named() -> None:
    assert query_day(None, "to") is None and query_day("", "to") is None
    assert query_day("2026-06-10", "from") == date(2026, 6, 10)
    with pytest.raises(HTTPException) as raised:
        query_day("10/06/2026", "from")
    assert raised.value.status_code == 400
    assert raised.value.detail == (
        "The from date must be written YYYY-MM-DD, in the years 1800 to 2200."
    )


@pytest.mark.parametrize(
    "value", ["0001-01-01", "1799-12-31", "2201-01-01", "9999-12-31", "2024-02-30"]
)
def test_days_outside_the_calendar_or_the_years_kept_are_a_400(value: str) -> None:
    with pytest.raises(HTTPException) as raised:
        query_day(value, "to")
    assert raised.value.status_code == 400 and "1800 to 2200" in str(raised.value.detail)
    assert query_day("1800-01-01", "to") == date(1800, 1, 1)
    assert query_day("2200-12-31", "to") == date(2200, 12, 31)
