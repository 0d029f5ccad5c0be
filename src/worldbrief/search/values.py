"""Normalised forms of the values users filter on, shared by indexing and querying.

Both sides go through these functions, so ``country:kz`` finds articles tagged ``KZ`` and
``author:"dana  whitfield"`` finds Dana Whitfield.
"""

from __future__ import annotations

import re

from worldbrief.domain import AccessLevel, ArticleType

_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
_REGION_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def country_code(value: str) -> str:
    """An ISO 3166-1 alpha-2 code in upper case; raises ValueError otherwise."""
    code = value.strip().upper()
    if not _COUNTRY_CODE.match(code):
        raise ValueError(f"country {value!r} is not a two-letter country code such as KZ")
    return code


def region_id(value: str) -> str:
    """A region taxonomy id (``central-asia``); spaces and underscores become hyphens."""
    key = "-".join(value.strip().lower().replace("_", " ").split())
    if not _REGION_ID.match(key):
        raise ValueError(f"region {value!r} is not a region id such as central-asia")
    return key


def article_type(value: str) -> str:
    return ArticleType.parse(value).value


def access_level(value: str) -> str:
    return AccessLevel.parse(value).value


def author_key(name: str) -> str:
    """Case and spacing do not matter when matching an author's name."""
    key = " ".join(name.split()).casefold()
    if not key:
        raise ValueError("author name is empty")
    return key


def year(value: str | int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"year {value!r} is not a number such as 2021") from None
    if not 1 <= number <= 9999:
        raise ValueError(f"year {value!r} is out of range (1-9999)")
    return number
