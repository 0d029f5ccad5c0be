"""Use cases of the event page and of the article page's "What happened": one event with its
sources (evidence only where the viewer may read the article, ``services.events``) and the
events related to it; the events an article reports, linked to their distinct events.

Related events are those of the same first-level division, or naming one of the same known
actors, dated within ``RELATED_WINDOW`` of the event: a few bounded index ranges, whatever
the size of the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from worldbrief.domain.events import EventMention
from worldbrief.domain.linked_events import LinkedEvent
from worldbrief.geo.country_facts import country_facts
from worldbrief.membership.entitlements import Surface
from worldbrief.membership.roles import Viewer
from worldbrief.services.events import EventDetail, event_detail
from worldbrief.services.platform import Platform
from worldbrief.services.reading import ArticleReading
from worldbrief.text.characters import clean_text

RELATED_WINDOW = timedelta(days=30)
RELATED_SHOWN = 10
RELATED_PER_KEY = 12  # read per division and per actor, before the nearest are kept
RELATED_ACTORS = 5  # known actors of the event whose other events are looked for


@dataclass(frozen=True, slots=True)
class RelatedEvent:
    """``same_place``: same division (or same country, for events without one);
    ``shared_actors``: names of the known actors both events name."""

    event: LinkedEvent
    days_apart: int
    same_place: bool
    shared_actors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EventPage:
    detail: EventDetail
    related: tuple[RelatedEvent, ...]


@dataclass(frozen=True, slots=True)
class ArticleEvent:
    """One event as the article reports it; ``event_id`` is the distinct event it is linked
    to (None while unlinked). ``sentences`` (the evidence's text) is None when the viewer may
    not read the body."""

    mention: EventMention
    event_id: str | None
    sentences: tuple[str, ...] | None


def event_page(platform: Platform, event_id: str, viewer: Viewer) -> EventPage | None:
    detail = event_detail(platform, event_id, viewer, Surface.PAGE)
    if detail is None:
        return None
    return EventPage(detail, related_events(platform, detail.event))


def related_events(
    platform: Platform, event: LinkedEvent, limit: int = RELATED_SHOWN
) -> tuple[RelatedEvent, ...]:
    """Events of the same place or with a shared known actor within ``RELATED_WINDOW``, the
    nearest in time first. An undated event has no window, so no related events."""
    if event.date is None:
        return ()
    first, last = event.date - RELATED_WINDOW, event.date + RELATED_WINDOW
    store = platform.site_reads.events.store
    found: dict[str, LinkedEvent] = {}
    if event.country:
        for other in store.division_events(
            event.country, event.admin1, first, last, RELATED_PER_KEY
        ):
            found[other.id] = other
    own = {p.entity_id: p.name for p in event.actors if p.entity_id}
    actor_ids = list(own)[:RELATED_ACTORS]
    if actor_ids:
        for other in store.entity_events_between(actor_ids, first, last, RELATED_PER_KEY):
            found.setdefault(other.id, other)
    related = []
    for other in found.values():
        if other.id == event.id or other.date is None:
            continue
        shared = tuple(own[p.entity_id] for p in other.actors if p.entity_id in own)
        same_place = bool(event.country) and (other.country, other.admin1) == (
            event.country,
            event.admin1,
        )
        related.append(RelatedEvent(other, abs((other.date - event.date).days), same_place, shared))
    related.sort(key=lambda r: (r.days_apart, r.event.id))
    return tuple(related[:limit])


def article_events(platform: Platform, reading: ArticleReading) -> tuple[ArticleEvent, ...]:
    """The events of the article being read, main event first, each with its distinct event;
    the evidence sentences only when ``reading`` grants the full text."""
    article = reading.article
    mentions = article.enrichment.events
    if not mentions:
        return ()
    linked = platform.site_reads.events.store.article_event_ids(article.id)
    full = reading.entitlement.full_text
    text = article.plain_text
    return tuple(
        ArticleEvent(
            mention=mention,
            event_id=linked.get(position),
            sentences=tuple(clean_text(text[s.start : s.end]).strip() for s in mention.evidence)
            if full
            else None,
        )
        for position, mention in enumerate(mentions)
    )


def country_numeric(code: str | None) -> int | None:
    """The ISO 3166-1 numeric code of ``code``: the id of its outline in the world map."""
    facts = country_facts(code) if code else None
    return facts.iso_numeric if facts else None
