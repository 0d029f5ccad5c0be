"""Distinct events: the reports of one event in several articles, linked as one (docs/events.md,
"Linking reports across articles"), counted once wherever events are counted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from worldbrief.domain.events import ActorType, DatePrecision
from worldbrief.domain.geo import PlaceMention
from worldbrief.domain.spans import Span


@dataclass(frozen=True, slots=True)
class EventParty:
    """An actor named by any report of the event (roles differ between reports, so none)."""

    name: str
    type: ActorType | None = None
    entity_id: str | None = None


@dataclass(frozen=True, slots=True)
class LinkedEvent:
    """One event, however many articles report it. ``place`` is its first report's (offsets
    into that article's text); ``fatalities`` the most any report gives; ``sources`` the
    number of articles reporting it."""

    id: str
    type: str
    subtype: str
    date: date | None
    date_precision: DatePrecision | None
    place: PlaceMention | None
    country: str | None
    admin1: str | None
    actors: tuple[EventParty, ...]
    fatalities: int | None
    fatalities_approximate: bool
    first_reported: datetime
    last_reported: datetime
    sources: int


@dataclass(frozen=True, slots=True)
class EventReport:
    """One article's report of a linked event: where in its text (``evidence``, offsets into
    its ``plain_text``) and what it says of the date and the dead."""

    article_id: str
    position: int  # the report's rank among the article's events, 0 for its main event
    published_at: datetime
    evidence: tuple[Span, ...]
    date_text: str | None
    fatalities: int | None
    confidence: float


@dataclass(frozen=True, slots=True)
class EventCursor:
    """Where a newest-first page of events ended: the last event's date and id."""

    date: date
    event_id: str


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Events of a country, a type, a subtype and dates in ``[since, until]``; None is any."""

    country: str | None = None
    type: str | None = None
    subtype: str | None = None
    since: date | None = None
    until: date | None = None
