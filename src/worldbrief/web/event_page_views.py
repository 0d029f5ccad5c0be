"""What the event page, the actor page and the article's "What happened" show: plain values,
formatted for reading, with the data the page scripts draw maps and timelines from."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import quote

from worldbrief.domain import AccessLevel
from worldbrief.domain.entities import KnownEntity, NamedEntity
from worldbrief.domain.events import DatePrecision, EventActor
from worldbrief.domain.linked_events import EventParty, LinkedEvent
from worldbrief.services.event_pages import ArticleEvent, RelatedEvent
from worldbrief.services.events import EventSource
from worldbrief.services.platform import Platform
from worldbrief.web.templating import thousands
from worldbrief.web.views import article_url, country_url, dateline, iso_timestamp

WORLD_OUTLINES = "vendor/world-atlas/countries-110m.json"  # light enough for a small map
CountryName = Callable[[str], str | None]  # an ISO code's name, None when unknown


def country_namer(platform: Platform) -> CountryName:
    """An ISO code's country name as the taxonomy gives it; None for an unknown code."""

    def name(code: str) -> str | None:
        found = platform.taxonomy.find_country(code.upper())
        return found.name if found else None

    return name


def event_page_url(event_id: str) -> str:
    return f"/events/{quote(event_id, safe='')}"


def actor_page_url(entity_id: str) -> str:
    return f"/actors/{quote(entity_id, safe='')}"


@dataclass(frozen=True, slots=True)
class ActorLink:
    name: str
    url: str | None  # None for an actor that is no known entity
    type_label: str | None


@dataclass(frozen=True, slots=True)
class EventSummary:
    """One event in a list: what happened, when, where, who, and the toll."""

    id: str
    url: str
    title: str  # the subtype
    type: str
    date_label: str
    iso_date: str | None
    place_label: str
    fatalities_label: str | None
    actors: tuple[ActorLink, ...]
    sources: int


@dataclass(frozen=True, slots=True)
class SourceView:
    title: str
    url: str
    dateline: str
    iso_date: str
    members_only: bool
    locked: bool
    sentences: tuple[str, ...]  # empty when locked
    date_text: str | None  # words of the body: None when locked
    fatalities_label: str | None


@dataclass(frozen=True, slots=True)
class RelatedView:
    event: EventSummary
    reason: str  # "Same place; 3 days later" and the like


@dataclass(frozen=True, slots=True)
class ArticleEventView:
    """An item of "What happened" under an article; ``evidence`` is empty when locked."""

    url: str | None
    title: str
    type: str
    date_label: str
    place_label: str
    fatalities_label: str | None
    actors: tuple[ActorLink, ...]
    evidence: tuple[str, ...]


def date_label(day: date | None, precision: DatePrecision | None) -> str:
    """The date as precisely as it is known: a coarser date is the start of its period."""
    if day is None:
        return "Date not reported"
    if precision is DatePrecision.YEAR:
        return str(day.year)
    if precision is DatePrecision.MONTH:
        return f"{day:%B %Y}"
    if precision is DatePrecision.WEEK:
        return f"Week of {day.day} {day:%B %Y}"
    return f"{day.day} {day:%B %Y}"


def precision_label(precision: DatePrecision | None) -> str:
    if precision is None:
        return "Not reported"
    return {
        DatePrecision.DAY: "To the day",
        DatePrecision.WEEK: "To the week",
        DatePrecision.MONTH: "To the month",
        DatePrecision.YEAR: "To the year",
    }[precision]


def fatalities_label(count: int | None, approximate: bool) -> str | None:
    if count is None:
        return None
    if approximate:
        return f"At least {thousands(count)} killed (approximate)"
    return f"{thousands(count)} killed"


def _joined(parts: Sequence[str | None]) -> str:
    return ", ".join(dict.fromkeys(p for p in parts if p)) or "Place not reported"


def place_label(event: LinkedEvent, country_name: CountryName) -> str:
    """Place, division, country, each once, most precise first."""
    country = (country_name(event.country) or event.country) if event.country else None
    return _joined([event.place.name if event.place else None, event.admin1, country])


def actor_link(party: EventParty | EventActor) -> ActorLink:
    return ActorLink(
        name=party.name,
        url=actor_page_url(party.entity_id) if party.entity_id else None,
        type_label=party.type.value if party.type else None,
    )


def event_summary(event: LinkedEvent, country_name: CountryName) -> EventSummary:
    return EventSummary(
        id=event.id,
        url=event_page_url(event.id),
        title=event.subtype,
        type=event.type,
        date_label=date_label(event.date, event.date_precision),
        iso_date=event.date.isoformat() if event.date else None,
        place_label=place_label(event, country_name),
        fatalities_label=fatalities_label(event.fatalities, event.fatalities_approximate),
        actors=tuple(actor_link(p) for p in event.actors),
        sources=event.sources,
    )


def source_view(source: EventSource) -> SourceView:
    return SourceView(
        title=source.title,
        url=article_url(source.article_id, source.title),
        dateline=dateline(source.published_at),
        iso_date=iso_timestamp(source.published_at),
        members_only=source.access is AccessLevel.MEMBERS,
        locked=source.locked,
        # A headline may be among the spans; the title already stands above the quotes.
        sentences=()
        if source.locked
        else tuple(s for s in source.sentences or () if s != source.title.strip()),
        date_text=None if source.locked else source.date_text,
        fatalities_label=fatalities_label(source.fatalities, False),
    )


def related_view(
    related: RelatedEvent, origin: date | None, country_name: CountryName
) -> RelatedView:
    reasons = []
    if related.same_place:
        reasons.append("Same place")
    if related.shared_actors:
        reasons.append("Also names " + ", ".join(related.shared_actors))
    when = related.event.date
    if origin is None or when is None or when == origin:
        timing = "same day"
    else:
        days = related.days_apart
        timing = f"{days} day{'' if days == 1 else 's'} {'later' if when > origin else 'earlier'}"
    return RelatedView(event_summary(related.event, country_name), "; ".join([*reasons, timing]))


def article_event_view(item: ArticleEvent, country_name: CountryName) -> ArticleEventView:
    mention = item.mention
    place = mention.place
    parts = (
        [place.name, place.admin1, country_name(place.country) or place.country] if place else []
    )
    return ArticleEventView(
        url=event_page_url(item.event_id) if item.event_id else None,
        title=mention.subtype,
        type=mention.type,
        date_label=date_label(mention.date, mention.date_precision),
        place_label=_joined(parts),
        fatalities_label=fatalities_label(mention.fatalities, mention.fatalities_approximate),
        actors=tuple(actor_link(a) for a in mention.actors),
        evidence=item.sentences or (),
    )


def map_points(events: Sequence[LinkedEvent], country_name: CountryName) -> list[dict[str, Any]]:
    """The placed events as the map script reads them (one JSON attribute of the page)."""
    return [
        {
            "lat": e.place.lat,
            "lon": e.place.lon,
            "label": f"{e.subtype}, {date_label(e.date, e.date_precision)}",
            "place": place_label(e, country_name),
            "url": event_page_url(e.id),
        }
        for e in events
        if e.place is not None
    ]


def country_link(code: str | None, country_name: CountryName) -> tuple[str, str] | None:
    """(name, URL) of a country's page; None for no or an unknown country."""
    if not code:
        return None
    name = country_name(code)
    return (name, country_url(code)) if name else None


def entity_facts(entity: KnownEntity) -> list[tuple[str, str]]:
    return [
        ("Type", entity.type.value.capitalize()),
        ("First named", _day(entity.first_seen)),
        ("Last named", _day(entity.last_seen)),
    ]


def _day(moment: datetime) -> str:
    utc = moment.astimezone(UTC) if moment.tzinfo else moment
    return f"{utc.day} {utc:%B %Y}"


def named_actors(entities: Sequence[NamedEntity]) -> tuple[ActorLink, ...]:
    """The known entities an article names, each linking to its actor page."""
    return tuple(ActorLink(e.name, actor_page_url(e.id), e.type.value) for e in entities)
