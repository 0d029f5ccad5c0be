"""A reader's clock: their time zone, quiet hours and when their digests fall due.

Pure functions over aware datetimes; the time zone is an IANA name checked with ``zoneinfo``.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from worldbrief.domain.alert_delivery import MailingKind, ReaderSettings

_QUIET = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
MONDAY = 0


class ReaderTimeError(ValueError):
    """A time zone or quiet hours that cannot be used, with the reason."""


def checked_time_zone(name: str) -> str:
    text = name.strip()
    if not text or len(text) > 64:
        raise ReaderTimeError(f"time zone {name[:64]!r} is not an IANA time zone name")
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise ReaderTimeError(
            f"time zone {text!r} is unknown (use an IANA name such as Europe/Paris)"
        ) from None
    return text


def parsed_quiet_hours(text: str) -> tuple[int | None, int | None]:
    """``22:00-07:00`` as minutes after midnight; ``off`` or empty: none."""
    if text.strip().lower() in ("", "off", "none"):
        return None, None
    found = _QUIET.match(text)
    if found is None:
        raise ReaderTimeError(f"quiet hours {text[:40]!r} are not HH:MM-HH:MM (22:00-07:00)")
    h1, m1, h2, m2 = (int(g) for g in found.groups())
    if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
        raise ReaderTimeError(f"quiet hours {text[:40]!r}: hours run 00-23, minutes 00-59")
    return h1 * 60 + m1, h2 * 60 + m2


def shown_quiet_hours(settings: ReaderSettings) -> str:
    if not settings.has_quiet_hours:
        return "none"
    assert settings.quiet_start is not None and settings.quiet_end is not None
    return f"{_hhmm(settings.quiet_start)}-{_hhmm(settings.quiet_end)}"


def quiet_until(settings: ReaderSettings, now: datetime) -> datetime | None:
    """When the quiet hours around ``now`` end (UTC), or None when ``now`` is not in them."""
    if not settings.has_quiet_hours:
        return None
    assert settings.quiet_start is not None and settings.quiet_end is not None
    zone = ZoneInfo(settings.time_zone)
    local = now.astimezone(zone)
    minute = local.hour * 60 + local.minute
    start, end = settings.quiet_start, settings.quiet_end
    inside = start <= minute < end if start < end else minute >= start or minute < end
    if not inside:
        return None
    day = local.date() if minute < end else local.date() + timedelta(days=1)
    ends = datetime.combine(day, time(end // 60, end % 60), zone)
    return ends.astimezone(now.tzinfo)


def digest_due_at(
    kind: MailingKind, settings: ReaderSettings, now: datetime, hour: int
) -> datetime:
    """The latest moment at or before ``now`` when a digest of ``kind`` fell due: ``hour``
    local time each day (daily) or each Monday (weekly)."""
    zone = ZoneInfo(settings.time_zone)
    local = now.astimezone(zone)
    day = local.date()
    if kind is MailingKind.WEEKLY:
        day -= timedelta(days=(day.weekday() - MONDAY) % 7)
    due = datetime.combine(day, time(hour), zone)
    if due > local:
        due -= timedelta(days=7 if kind is MailingKind.WEEKLY else 1)
        # Rebuilt from the date: a day across a clock change is not 24 hours.
        due = datetime.combine(due.date(), time(hour), zone)
    return due.astimezone(now.tzinfo)


def next_digest_at(
    kind: MailingKind, settings: ReaderSettings, now: datetime, hour: int
) -> datetime:
    """The first moment after ``now`` when a digest of ``kind`` falls due."""
    zone = ZoneInfo(settings.time_zone)
    last = digest_due_at(kind, settings, now, hour).astimezone(zone)
    step = timedelta(days=7 if kind is MailingKind.WEEKLY else 1)
    return datetime.combine(last.date() + step, time(hour), zone).astimezone(now.tzinfo)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
