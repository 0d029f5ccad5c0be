"""A day given in a query string (``?from=2024-05-01``), read the one way every page and API
reads it: empty is no day, anything else must be ``YYYY-MM-DD`` within ``FIRST_YEAR`` to
``LAST_YEAR``, or pages answer 400 and the API 422.

The years are bounded because the timelines and trend rules count weeks back and forth from the
day asked for: a day near year 1 or 9999 would step outside what a date can hold. The bounds are
those of the search's year filter, wider than any article or event the site keeps."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from fastapi import HTTPException
from pydantic import BeforeValidator, Field

FIRST_YEAR, LAST_YEAR = 1800, 2200
# YYYY-MM-DD with a year from FIRST_YEAR to LAST_YEAR; the calendar checks month and day.
DAY_PATTERN = r"^(1[89]\d\d|2[01]\d\d|2200)-\d{2}-\d{2}$"
_DAY = re.compile(DAY_PATTERN)
_PROBLEM = f"must be a date as YYYY-MM-DD from {FIRST_YEAR} to {LAST_YEAR}"


def _day_text(value: object) -> object:
    """Only ``YYYY-MM-DD`` in the years kept: pydantic alone would also read ``0`` as
    1970-01-01 and take any year a date can hold."""
    if isinstance(value, str) and not _DAY.fullmatch(value):
        raise ValueError(_PROBLEM)
    return value


# A query parameter's day; its schema carries the pattern, so the API reference states the bound.
Day = Annotated[date, BeforeValidator(_day_text), Field(json_schema_extra={"pattern": DAY_PATTERN})]


def query_day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        if _DAY.fullmatch(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise HTTPException(
        400,
        f"The {name} date must be written YYYY-MM-DD, in the years {FIRST_YEAR} to {LAST_YEAR}.",
    )
