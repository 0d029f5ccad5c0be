"""Dates written out in full are read without dateparser, exactly as dateparser reads them."""

from __future__ import annotations

from datetime import date, datetime

import dateparser  # type: ignore[import-untyped]
import pytest

from worldbrief.events.dates import _DATEPARSER_SETTINGS
from worldbrief.events.explicit_dates import explicit_date

TODAYS = (date(2024, 3, 31), date(2023, 1, 1), date(2021, 12, 31), date(2024, 2, 29))
WORDS = (
    "17 July 2024",
    "1 March",
    "1 July 1986",
    "May 14, 1997",
    "Nov 12, 1986",
    "Nov. 12 1986",
    "SEPT 3",
    "sep. 30",
    "december 31",
    "March 31",
    "April 1",
    "January 1",
    "29 February 2024",
    "2024-07-17",
    "1999-12-31",
)


def dateparser_reading(words: str, today: date) -> date | None:
    base = datetime(today.year, today.month, today.day, 12)
    settings = {**_DATEPARSER_SETTINGS, "RELATIVE_BASE": base}
    parsed = dateparser.parse(words, languages=["en"], settings=settings)
    return None if parsed is None else parsed.date()


@pytest.mark.parametrize("today", TODAYS)
@pytest.mark.parametrize("words", WORDS)
def test_plain_forms_read_as_dateparser_reads_them(words: str, today: date) -> None:
    found = explicit_date(words, today)
    assert found is not None
    assert found == dateparser_reading(words, today)


@pytest.mark.parametrize(
    "words",
    [
        "32 may",  # dateparser reads a year in it
        "29 February",  # which year depends on leap years
        "31 April 2020",
        "2024-13-01",
        "March\n5",
        "two days ago",
        "5 March 2350",
        "March 5, 87",
    ],
)
def test_anything_else_is_left_to_dateparser(words: str) -> None:
    assert explicit_date(words, date(2024, 6, 1)) is None
