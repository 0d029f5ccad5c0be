"""Timestamps from sources, always returned as timezone-aware UTC datetimes in the supported
range (``domain.date_range``): a date no store or index can hold is refused here, at the edge."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

from worldbrief.domain.date_range import supported_utc

_SHOWN_CHARACTERS = 60


def parse_timestamp(value: object) -> datetime:
    """ISO-8601 (date-only allowed), an RFC 2822 date, or a date/datetime object; naive means UTC.

    Raises ``ValueError`` naming the value when it is not a date we can read or hold.
    """
    if isinstance(value, datetime):
        return supported_utc(value)
    if isinstance(value, date):
        return supported_utc(datetime(value.year, value.month, value.day, tzinfo=UTC))
    if not isinstance(value, str):
        raise ValueError(f"expected a date as text, got {type_name(value)}")
    text = value.strip()
    for parse in (datetime.fromisoformat, parsedate_to_datetime):
        try:
            parsed = parse(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            continue
        return supported_utc(parsed)
    raise ValueError(
        f"unreadable date {shown(value)}; use ISO-8601 such as 2024-05-01 or 2024-05-01T09:30:00Z"
    )


def from_struct_time(value: time.struct_time) -> datetime:
    """A UTC ``struct_time`` (as feedparser gives) as an aware datetime.

    Raises ``ValueError`` when it is no calendar date or is outside the supported range.
    """
    year, month, day, hour, minute, second = value[:6]
    try:
        # A leap second (60) is read as the last second of its minute.
        moment = datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC)
    except (ValueError, OverflowError):
        raise ValueError(f"{year:04d}-{month:02d}-{day:02d} is not a calendar date") from None
    return supported_utc(moment)


def shown(value: object, limit: int = _SHOWN_CHARACTERS) -> str:
    """``repr(value)`` cut to ``limit`` characters, so an error message stays one short line."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def type_name(value: object) -> str:
    """A user's word for a parsed value's type, for error messages."""
    names = {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a mapping",
        type(None): "nothing (null)",
    }
    return names.get(type(value), type(value).__name__)
