"""Timestamps from sources, always returned as timezone-aware UTC datetimes."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime


def parse_timestamp(value: object) -> datetime:
    """ISO-8601 (date-only allowed), an RFC 2822 date, or a date/datetime object; naive means UTC.

    Raises ``ValueError`` naming the value when it is not a date we can read.
    """
    if isinstance(value, datetime):
        return as_utc(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if not isinstance(value, str):
        raise ValueError(f"expected a date as text, got {type_name(value)}")
    text = value.strip()
    try:
        return as_utc(datetime.fromisoformat(text))
    except ValueError:
        pass
    try:
        return as_utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        raise ValueError(
            f"unreadable date {value!r}; use ISO-8601 such as 2024-05-01 or 2024-05-01T09:30:00Z"
        ) from None


def from_struct_time(value: time.struct_time) -> datetime:
    """A UTC ``struct_time`` (as feedparser gives) as an aware datetime."""
    return datetime(*value[:6], tzinfo=UTC)


def as_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


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
