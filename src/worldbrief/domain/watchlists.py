"""What a reader follows (a watchlist) and what it was told (alerts).

A watchlist's criteria combine like search filters: AND across kinds, OR within one kind
(two countries = either). A watchlist that names event types follows distinct events; any
other follows articles. See ``docs/alerts.md``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime


class EmailMode(enum.StrEnum):
    IMMEDIATE = "immediate"
    DAILY = "daily"
    WEEKLY = "weekly"
    OFF = "off"


class AlertKind(enum.StrEnum):
    ARTICLE = "article"  # item_id is an article id
    EVENT = "event"  # item_id is a distinct event's id (reports of it alert once)
    TREND = "trend"  # item_id is a TrendKey: a signal of a followed place for one week
    SEARCH_RISE = "search_rise"  # item_id is the day (UTC) a saved search rose above its baseline


class DeliveryState(enum.StrEnum):
    OFF = "off"  # the channel is not wanted for this watchlist
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class Facet(enum.StrEnum):
    """The kinds of criterion, as the inverted index and alert reasons name them."""

    COUNTRY = "country"
    REGION = "region"
    DIVISION = "division"
    ACTOR = "actor"
    EVENT_TYPE = "event_type"
    EVENT_SUBTYPE = "event_subtype"
    AUTHOR = "author"
    ARTICLE_TYPE = "article_type"
    SEARCH = "search"
    SIGNAL = "signal"  # a trend alert's reading, in words: the reason it fired


@dataclass(frozen=True, slots=True, order=True)
class Division:
    """A first-level division, by its country and its name as the gazetteer gives it."""

    country: str  # ISO 3166-1 alpha-2
    admin1: str

    @property
    def key(self) -> str:
        return f"{self.country}/{self.admin1}"


@dataclass(frozen=True, slots=True)
class SavedSearch:
    """A search box query and the filters of search (countries, regions, types, authors)."""

    text: str
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WatchCriteria:
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    divisions: tuple[Division, ...] = ()
    actors: tuple[str, ...] = ()  # entity ids
    event_types: tuple[str, ...] = ()  # type names of the typology ("Protests")
    event_subtypes: tuple[str, ...] = ()  # subtype names ("Peaceful protest")
    authors: tuple[str, ...] = ()
    article_types: tuple[str, ...] = ()
    search: SavedSearch | None = None

    @property
    def follows_events(self) -> bool:
        return bool(self.event_types or self.event_subtypes)

    @property
    def is_empty(self) -> bool:
        return self == WatchCriteria()


@dataclass(frozen=True, slots=True)
class Delivery:
    email: EmailMode = EmailMode.OFF
    webhook_url: str | None = None


@dataclass(frozen=True, slots=True)
class Watchlist:
    id: int
    owner_id: int | None  # None: an anonymous reader's, followed by Atom only
    name: str
    criteria: WatchCriteria
    delivery: Delivery
    created_at: datetime
    # The change-log sequence when it was made: only later changes alert it, so a new
    # watchlist is never told about what was stored before it existed.
    created_seq: int
    has_atom_token: bool = False
    owner_email: str | None = None


@dataclass(frozen=True, slots=True)
class MatchReason:
    """One criterion an item met: its kind and the value that matched."""

    facet: Facet
    value: str


@dataclass(frozen=True, slots=True)
class AlertMatch:
    """An item that met every criterion of a watchlist, found by an alert pass."""

    watchlist_id: int
    kind: AlertKind
    item_id: str
    article_id: str  # the article that fired it (for an event, the report that brought it)
    seq: int  # the change that brought the article
    reasons: tuple[MatchReason, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Alert:
    id: int
    watchlist_id: int
    kind: AlertKind
    item_id: str
    article_id: str
    reasons: tuple[MatchReason, ...]
    created_at: datetime
    email: DeliveryState
    webhook: DeliveryState
    read_at: datetime | None = None

    @property
    def why(self) -> str:
        """The reasons as a reader reads them: ``country KZ; search "gas prices"``."""
        return "; ".join(
            f'{r.facet.value.replace("_", " ")} "{r.value}"'
            if r.facet is Facet.SEARCH
            else r.value
            if r.facet is Facet.SIGNAL
            else f"{r.facet.value.replace('_', ' ')} {r.value}"
            for r in self.reasons
        )


PLACE_FACETS = (Facet.COUNTRY, Facet.REGION, Facet.DIVISION)


@dataclass(frozen=True, slots=True)
class TrendKey:
    """What a trend alert is unique by, besides its watchlist: the place, the period judged
    (a Monday) and the signal, as ``country|KZ|2026-11-23|large_increase``."""

    facet: Facet  # one of PLACE_FACETS
    place: str  # an ISO code, a region id or a division key (KZ/Mangystau)
    period: str
    signal: str

    @property
    def item_id(self) -> str:
        return "|".join((self.facet.value, self.place, self.period, self.signal))

    @classmethod
    def parse(cls, item_id: str) -> TrendKey | None:
        parts = item_id.split("|")
        if len(parts) != 4 or parts[0] not in {f.value for f in PLACE_FACETS}:
            return None
        return cls(Facet(parts[0]), parts[1], parts[2], parts[3])
