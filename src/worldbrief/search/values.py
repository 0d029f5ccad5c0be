"""Normalised forms of the values users filter on, shared by indexing and querying.

Both sides go through these functions, so ``country:kz`` finds articles tagged ``KZ`` and
``author:"dana  whitfield"`` finds Dana Whitfield. A value they refuse raises a
``FilterValueError`` saying what the filter takes, never the value itself: the message reaches
pages and API answers, and the caller says where the value was (a parameter, a query term).
"""

from __future__ import annotations

import re

from worldbrief.domain import AccessLevel, ArticleType
from worldbrief.geo.country_names import known_country_codes

_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
_REGION_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class FilterValueError(ValueError):
    """A value a filter cannot take: ``expected`` is what it takes, worded to follow "must be"."""

    def __init__(self, filter_name: str, expected: str) -> None:
        super().__init__(f"{filter_name} must be {expected}")
        self.filter_name = filter_name
        self.expected = expected


def country_code(value: str) -> str:
    """An ISO 3166-1 alpha-2 code in upper case; raises ValueError otherwise."""
    code = value.strip().upper()
    if not _COUNTRY_CODE.match(code):
        raise FilterValueError("country", "a two-letter country code such as KZ")
    return code


def country_filter(value: str) -> str:
    """A country code a filter asks for: one in use, not only two letters. ``UK`` or ``ZZ`` would
    find nothing without a word, so they are refused, as a misspelt field is (the indexing side
    keeps to ``country_code``: an article is never refused for a code it was tagged with)."""
    code = country_code(value)
    if code not in known_country_codes():
        raise FilterValueError(
            "country", "a two-letter country code in use such as KZ (the United Kingdom is GB)"
        )
    return code


def region_id(value: str) -> str:
    """A region taxonomy id (``central-asia``); spaces and underscores become hyphens."""
    key = "-".join(value.strip().lower().replace("_", " ").split())
    if not _REGION_ID.match(key):
        raise FilterValueError("region", "a region id such as central-asia")
    return key


def article_type(value: str) -> str:
    try:
        return ArticleType.parse(value).value
    except ValueError:
        allowed = ", ".join(t.value for t in ArticleType)
        raise FilterValueError("type", f"an article type: {allowed}") from None


def access_level(value: str) -> str:
    try:
        return AccessLevel.parse(value).value
    except ValueError:
        raise FilterValueError("access", "free or members") from None


def author_key(name: str) -> str:
    """Case and spacing do not matter when matching an author's name."""
    key = " ".join(name.split()).casefold()
    if not key:
        raise FilterValueError("author", "a name, not blank")
    return key


_YEAR_EXPECTED = "a year from 1 to 9999 such as 2021"


def year(value: str | int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise FilterValueError("year", _YEAR_EXPECTED) from None
    if not 1 <= number <= 9999:
        raise FilterValueError("year", _YEAR_EXPECTED)
    return number
