"""The dates an article may carry: what every store and the search index can hold.

The search index keeps nanoseconds since 1970 in 64 bits (1677-09-21 to 2262-04-11); the range
below stays well inside it, so no time-zone shift can push a stored date out of the index.
"""

from __future__ import annotations

from datetime import UTC, datetime

EARLIEST = datetime(1700, 1, 1, tzinfo=UTC)
END = datetime(2200, 1, 1, tzinfo=UTC)  # exclusive: the last supported day is 2199-12-31
SUPPORTED_RANGE = "1700-01-01 to 2199-12-31 (UTC)"


class UnsupportedDateError(ValueError):
    """A date that cannot be stored or indexed; the message says which range is supported."""


def supported_utc(value: datetime) -> datetime:
    """``value`` in UTC (naive means UTC) when inside the supported range.

    Raises ``UnsupportedDateError`` otherwise, also when converting to UTC would leave the
    calendar (``9999-12-31T23:00-05:00``).
    """
    if not isinstance(value, datetime):
        raise UnsupportedDateError(f"expected a date and time, got {type(value).__name__}")
    try:
        moment = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    except (OverflowError, ValueError):
        moment = None
    if moment is None or not EARLIEST <= moment < END:
        raise UnsupportedDateError(
            f"{value.isoformat()} is outside the supported range {SUPPORTED_RANGE}"
        )
    return moment
