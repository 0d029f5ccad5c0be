"""When an event happened: a date expression of its sentence read against the publication time.

Expressions are found by the patterns below and read by dateparser with the publication day as
its relative base ("17 July 2024", "in August 2010", "two days ago"); weekdays and the named
periods ("over the weekend", "last week", "earlier this year") are calendar arithmetic on the
publication day. A date is never after the publication day; one that would be is moved a year
back ("in December" read in January) or dropped. A text that names no date gets the week of
publication (the Monday of it, precision week), since news reports what happened in the days
before it appeared; without a publication time only dates with a year are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser  # type: ignore[import-untyped]

from worldbrief.domain.events import DatePrecision
from worldbrief.events.explicit_dates import explicit_date

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBER = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|a few)"
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", r"\b\d{4}-\d{2}-\d{2}\b"),
    ("day", rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?\b"),
    ("day", rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?"),
    ("ago", rf"\b{_NUMBER}\s+(?:days?|weeks?|months?|years?)\s+ago\b"),
    ("weekday", r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"),
    ("named", r"\b(?:yesterday|today|tonight|overnight|last night|this morning)\b"),
    ("named", r"\b(?:over|during|at|on) the weekend\b|\b(?:last|this) weekend\b"),
    ("named", r"\b(?:last|earlier this|this|past) (?:week|month|year)\b"),
    (
        "month",
        rf"\b(?:in|since|during|early|late|mid-?|end of|beginning of)\s+{_MONTH}"
        r"(?:,?\s+(?:of\s+)?\d{4})?\b",
    ),
    ("year", r"\b(?:in|since|during|early|late)\s+(?:19|20)\d{2}\b"),
)
# Every pattern starts at a word boundary: testing it first spares the matcher entering each
# pattern at every character.
_EXPRESSION = re.compile(
    r"\b(?:" + "|".join(f"(?P<{kind}{i}>{p})" for i, (kind, p) in enumerate(_PATTERNS)) + ")",
    re.IGNORECASE,
)
_DATEPARSER_SETTINGS = {
    "PREFER_DATES_FROM": "past",
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_MONTH_WORD = re.compile(_MONTH, re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


@dataclass(frozen=True, slots=True)
class EventDate:
    date: date
    precision: DatePrecision
    text: str | None  # the words it was read from; None for the publication-week default


def find_date(sentences: list[str], published: datetime | None) -> EventDate | None:
    """The first date expression of ``sentences`` (the event's own first), read against
    ``published``; else the publication week; else None."""
    for sentence in sentences:
        found = date_in(sentence, published)
        if found is not None:
            return found
    return publication_week(published)


def date_in(sentence: str, published: datetime | None) -> EventDate | None:
    """The first date expression of ``sentence`` that reads as a date, or None."""
    for match in _EXPRESSION.finditer(sentence):
        kind = (match.lastgroup or "").rstrip("0123456789")
        found = _read(kind, match.group(), published.date() if published else None)
        if found is not None:
            return found
    return None


def publication_week(published: datetime | None) -> EventDate | None:
    """The date of a text that names none: the Monday of its publication week."""
    if published is None:
        return None
    day = published.date()
    return EventDate(day - timedelta(days=day.weekday()), DatePrecision.WEEK, None)


def _read(kind: str, words: str, today: date | None) -> EventDate | None:
    lowered = words.lower()
    if today is None:  # only dates that carry their year
        if not _YEAR.search(words):
            return None
        today = date(9999, 12, 31)
    if kind == "weekday":
        weekday = next(i for i, name in enumerate(_WEEKDAYS) if name in lowered)
        return _day(today - timedelta(days=(today.weekday() - weekday) % 7), words)
    if kind == "named":
        return _named(lowered, today, words)
    if kind == "year":
        year = int(_YEAR.findall(words)[0])
        if year > today.year:
            return None
        return EventDate(date(year, 1, 1), DatePrecision.YEAR, words)
    if kind == "month":
        return _month(words, today)
    parsed = _parse(_strip_ordinals(words), today)
    if parsed is None:
        return None
    if parsed > today and not _YEAR.search(words):
        parsed = _year_back(parsed)
    if parsed > today:
        return None
    precision = DatePrecision.DAY
    if kind == "ago" and "month" in lowered:
        precision, parsed = DatePrecision.MONTH, parsed.replace(day=1)
    elif kind == "ago" and "year" in lowered:
        precision, parsed = DatePrecision.YEAR, parsed.replace(month=1, day=1)
    elif kind == "ago" and "week" in lowered:
        precision, parsed = DatePrecision.WEEK, parsed - timedelta(days=parsed.weekday())
    return EventDate(parsed, precision, words)


def _named(lowered: str, today: date, words: str) -> EventDate | None:
    monday = today - timedelta(days=today.weekday())
    if lowered in ("today", "this morning"):
        return _day(today, words)
    if lowered in ("yesterday", "overnight", "last night", "tonight"):
        return _day(today - timedelta(days=0 if lowered == "tonight" else 1), words)
    if "weekend" in lowered:  # the latest Saturday on or before today, in its week
        saturday = today - timedelta(days=(today.weekday() - 5) % 7)
        return EventDate(saturday - timedelta(days=5), DatePrecision.WEEK, words)
    if lowered.endswith("week"):
        start = monday - timedelta(days=7) if lowered.startswith(("last", "past")) else monday
        return EventDate(start, DatePrecision.WEEK, words)
    if lowered.endswith("month"):
        first = today.replace(day=1)
        if lowered.startswith(("last", "past")):
            first = (first - timedelta(days=1)).replace(day=1)
        return EventDate(first, DatePrecision.MONTH, words)
    year = today.year - 1 if lowered.startswith(("last", "past")) else today.year
    return EventDate(date(year, 1, 1), DatePrecision.YEAR, words)


def _month(words: str, today: date) -> EventDate | None:
    month_word = _MONTH_WORD.search(words)
    if month_word is None:
        return None
    parsed = _parse(
        f"1 {month_word.group().rstrip('.')} {_YEAR.findall(words)[0]}"
        if _YEAR.search(words)
        else f"1 {month_word.group().rstrip('.')}",
        today,
    )
    if parsed is None:
        return None
    if parsed > today and not _YEAR.search(words):
        parsed = _year_back(parsed)
    if parsed > today:
        return None
    return EventDate(parsed.replace(day=1), DatePrecision.MONTH, words)


def _day(day: date, words: str) -> EventDate:
    return EventDate(day, DatePrecision.DAY, words)


def _year_back(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _strip_ordinals(words: str) -> str:
    return re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", words).replace(" of ", " ")


@lru_cache(maxsize=4096)
def _parse(words: str, today: date) -> date | None:
    plain = explicit_date(words, today)  # the usual "17 July 2024", without dateparser's cost
    if plain is not None:
        return plain
    base = datetime(today.year, today.month, today.day, 12)
    settings = {**_DATEPARSER_SETTINGS, "RELATIVE_BASE": base}
    try:
        parsed = dateparser.parse(words, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None
    return None if parsed is None else parsed.date()
