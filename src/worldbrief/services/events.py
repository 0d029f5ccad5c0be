"""Use cases of distinct events (reports linked across articles): one event with its sources,
the latest of a country or matching a filter, an entity's events, and weekly counts that feed
the trend rules (``worldbrief.trends``). Each is one bounded index range of the store.

Event fields are metadata anyone may see; a source's evidence (the spans and the sentences
they cover) is text of its article's body, so it goes only to viewers entitled to that body on
the surface asking (``membership.entitlements``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from worldbrief.domain import AccessLevel, Span
from worldbrief.domain.linked_events import EventCursor, EventFilter, LinkedEvent
from worldbrief.domain.trends import Trend
from worldbrief.membership.entitlements import Surface, entitlement
from worldbrief.membership.roles import Viewer
from worldbrief.services.platform import Platform
from worldbrief.text.characters import clean_text
from worldbrief.trends import trend_of, week_of, weekly_series

MAX_PAGE = 100
MAX_SOURCES = 50  # sources listed with an event, first reported first; ``sources`` counts all
MAX_WEEKS = 1044  # twenty years of weeks, as the country timeline


class EventQueryError(ValueError):
    """A cursor, period or page size the event reads cannot take; the message names it."""


@dataclass(frozen=True, slots=True)
class EventSource:
    """One article reporting the event. ``evidence`` and ``sentences`` (the text of each span)
    are None when the viewer may not read the article's body (``locked``)."""

    article_id: str
    title: str
    published_at: datetime
    access: AccessLevel
    locked: bool
    evidence: tuple[Span, ...] | None
    sentences: tuple[str, ...] | None
    date_text: str | None
    fatalities: int | None


@dataclass(frozen=True, slots=True)
class EventDetail:
    event: LinkedEvent
    sources: tuple[EventSource, ...]  # at most MAX_SOURCES; event.sources counts them all


@dataclass(frozen=True, slots=True)
class EventPage:
    events: tuple[LinkedEvent, ...]
    next: EventCursor | None  # where the next page starts; None on the last


def event_detail(
    platform: Platform, event_id: str, viewer: Viewer, surface: Surface = Surface.API
) -> EventDetail | None:
    events = platform.site_reads.events.store
    event = events.get(event_id)
    if event is None:
        return None
    reports = events.reports(event_id, MAX_SOURCES)
    articles = {a.id: a for a in platform.site_reads.get_many([r.article_id for r in reports])}
    sources = []
    for report in reports:
        article = articles.get(report.article_id)
        if article is None:  # deleted since the reports were read
            continue
        full = entitlement(viewer, article.access, surface).full_text
        sources.append(
            EventSource(
                article_id=article.id,
                title=clean_text(article.title),
                published_at=report.published_at,
                access=article.access,
                locked=not full,
                evidence=report.evidence if full else None,
                sentences=(
                    tuple(clean_text(article.plain_text[s.start : s.end]) for s in report.evidence)
                    if full
                    else None
                ),
                date_text=report.date_text,
                fatalities=report.fatalities,
            )
        )
    return EventDetail(event, tuple(sources))


def latest_events(
    platform: Platform, where: EventFilter, limit: int = 20, after: EventCursor | None = None
) -> EventPage:
    """Dated events matching ``where``, newest first (by date, then id)."""
    size = _page_size(limit)
    found = platform.site_reads.events.store.latest(where, size + 1, after)
    return _page(found, size)


def country_events(
    platform: Platform, code: str, limit: int = 20, after: EventCursor | None = None
) -> EventPage:
    return latest_events(platform, EventFilter(country=code.upper()), limit, after)


def entity_events(
    platform: Platform, entity_id: str, limit: int = 20, after: EventCursor | None = None
) -> EventPage:
    """Events with ``entity_id`` among their actors, newest first."""
    size = _page_size(limit)
    found = platform.site_reads.events.store.entity_events(entity_id, size + 1, after)
    return _page(found, size)


def weekly_event_counts(
    platform: Platform,
    first: date,
    last: date,
    country: str | None = None,
    event_type: str | None = None,
    admin1: str | None = None,
) -> dict[date, int]:
    """Distinct events per week (keyed by Monday) from the week of ``first`` to the week of
    ``last``, of one country (or one of its first-level divisions, ``admin1`` as GeoNames
    names it) and/or type: the input ``trends.weekly_series`` takes."""
    counts: dict[date, int] = {}
    for (_, week), n in _counts(platform, first, last, country, event_type, admin1).items():
        counts[week] = counts.get(week, 0) + n
    return counts


def weekly_event_counts_by_type(
    platform: Platform, first: date, last: date, country: str | None = None
) -> dict[str, dict[date, int]]:
    """The same, one series per event type."""
    by_type: dict[str, dict[date, int]] = {}
    for (event_type, week), n in _counts(platform, first, last, country, None).items():
        by_type.setdefault(event_type, {})[week] = n
    return by_type


def event_trend(
    platform: Platform,
    last_week: date,
    weeks: int = 53,
    country: str | None = None,
    event_type: str | None = None,
    admin1: str | None = None,
) -> Trend:
    """The trend rules over the ``weeks`` weeks ending with the week of ``last_week``."""
    end = week_of(last_week)
    start = end - timedelta(weeks=weeks - 1)
    counts = weekly_event_counts(platform, start, end, country, event_type, admin1)
    return trend_of(weekly_series(counts, end, weeks))


def parse_cursor(text: str) -> EventCursor:
    """A cursor as the API hands it out: ``YYYY-MM-DD~event id``."""
    day, sep, event_id = text.partition("~")
    try:
        parsed = date.fromisoformat(day)
    except ValueError:
        parsed = None
    if not sep or not event_id or parsed is None:
        raise EventQueryError("cursor must be 'YYYY-MM-DD~event id' as given")
    return EventCursor(parsed, event_id)


def format_cursor(cursor: EventCursor) -> str:
    return f"{cursor.date.isoformat()}~{cursor.event_id}"


def _counts(
    platform: Platform,
    first: date,
    last: date,
    country: str | None,
    event_type: str | None,
    admin1: str | None = None,
) -> dict[tuple[str, date], int]:
    if admin1 is not None and country is None:
        raise EventQueryError("a division is counted within its country: give both")
    start, end = week_of(first), week_of(last)
    if end < start:
        raise EventQueryError("the period ends before it starts: to must not be before from")
    if (end - start).days // 7 + 1 > MAX_WEEKS:
        raise EventQueryError(f"the period is longer than {MAX_WEEKS} weeks")
    code = country.upper() if country else None
    return platform.site_reads.events.store.weekly_counts(start, end, code, event_type, admin1)


def _page_size(limit: int) -> int:
    if not 1 <= limit <= MAX_PAGE:
        raise EventQueryError(f"limit must be 1 to {MAX_PAGE}")
    return limit


def _page(found: list[LinkedEvent], size: int) -> EventPage:
    shown = tuple(found[:size])
    last = shown[-1] if shown else None
    if len(found) <= size or last is None or last.date is None:
        return EventPage(shown, None)
    return EventPage(shown, EventCursor(last.date, last.id))
