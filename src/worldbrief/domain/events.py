"""What happened, where, when and who: the events an article reports, and the actors in them.

An ``EventMention`` is one event as one article reports it (evidence spans are offsets into that
article's ``plain_text``); the same event reported by several articles is linked across them
by the store, never merged inside this value. Types and subtypes are the names of the event
typology shipped in ``worldbrief/events/data`` (ACLED's six event types and sub-event types,
plus disasters, organised crime, diplomatic events and claims of responsibility).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from worldbrief.domain.geo import PlaceMention
from worldbrief.domain.spans import Span


class DatePrecision(enum.StrEnum):
    """How exactly an event's date is known (as ACLED's time precision). The date of a coarser
    precision is the first day of its period: the Monday of a week, the 1st of a month."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class ActorRole(enum.StrEnum):
    ACTOR1 = "actor1"  # who acted
    ACTOR2 = "actor2"  # on whom
    ASSOCIATED = "associated"  # alongside either


class ActorType(enum.StrEnum):
    """ACLED's ``inter`` families, by name."""

    STATE_FORCES = "state forces"
    REBEL_GROUP = "rebel group"
    POLITICAL_MILITIA = "political militia"
    IDENTITY_MILITIA = "identity militia"
    RIOTERS = "rioters"
    PROTESTERS = "protesters"
    CIVILIANS = "civilians"
    EXTERNAL_OTHER = "external/other"


class EntityType(enum.StrEnum):
    ARMED_GROUP = "armed group"
    ORGANIZATION = "organization"
    PERSON = "person"
    PARTY = "party"
    STATE_FORCES = "state forces"


@dataclass(frozen=True, slots=True)
class EventActor:
    """An actor of one event: the name as written, its role, its type and, where the actor is
    a known entity, the entity's id."""

    name: str
    role: ActorRole
    type: ActorType | None = None
    entity_id: str | None = None
    span: Span | None = None  # where the name is written, when it is


@dataclass(frozen=True, slots=True)
class EventMention:
    """One event as one text reports it. ``confidence`` is in [0, 1]; ``evidence`` are the
    sentences that report it, the first being the one that says most."""

    type: str
    subtype: str
    confidence: float
    evidence: tuple[Span, ...]
    date: date | None = None
    date_precision: DatePrecision | None = None
    date_text: str | None = None  # the words the date was read from ("over the weekend")
    place: PlaceMention | None = None
    actors: tuple[EventActor, ...] = ()
    fatalities: int | None = None  # a lower bound when approximate ("dozens" -> 24)
    fatalities_approximate: bool = False
