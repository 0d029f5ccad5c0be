"""A day in a page's query string: empty is none, YYYY-MM-DD a day, anything else a 400."""

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
    assert raised.value.detail == "The from date must be written YYYY-MM-DD."
