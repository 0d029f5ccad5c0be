"""Dates written out in full, read without dateparser.

Most date expressions the events stage reads are a day and a month name, with or without a year
("17 July 2024", "May 14, 1997", "March 31") or an ISO date; dateparser takes about a millisecond
for each, mostly in trying locales and time-zone names. These forms mean one thing, so they are
read here, as dateparser reads them with the events stage's settings (a missing year is the
latest one that keeps the date on or before the publication day). Anything else, or anything
out of the plain range (29 February without a year, two-digit days over 31, unusual years,
line breaks), returns None and goes to dateparser as before; ``tests/events/test_explicit_dates``
checks the two agree.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:,? (?P<year>(?:18|19|20|21)\d\d))?"
_FORMS = (
    re.compile(rf"(?P<day>\d{{1,2}}) {_MONTH}{_YEAR}", re.IGNORECASE),
    re.compile(rf"{_MONTH} (?P<day>\d{{1,2}}){_YEAR}", re.IGNORECASE),
)
_ISO = re.compile(r"(?P<year>(?:18|19|20|21)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)")


def explicit_date(words: str, today: date) -> date | None:
    """The date ``words`` name when they are one of the plain forms, else None (unknown: ask
    dateparser). ``today`` fills a missing year."""
    iso = _ISO.fullmatch(words)
    if iso is not None:
        return _valid(int(iso["year"]), int(iso["month"]), int(iso["day"]))
    for form in _FORMS:
        found = form.fullmatch(words)
        if found is None:
            continue
        month, day = _MONTHS[found["month"].lower()], int(found["day"])
        if found["year"] is not None:
            return _valid(int(found["year"]), month, day)
        if month == 2 and day == 29:
            return None
        this_year = _valid(today.year, month, day)
        if this_year is None or this_year <= today:
            return this_year
        return _valid(today.year - 1, month, day)
    return None


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
