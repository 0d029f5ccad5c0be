"""Use case of the actor page: a known entity as the store knows it, its events (a map and a
monthly timeline), the actors that share its events, and the articles naming it, newest
first and paged by a keyset.

Everything is read from bounded ranges: the latest ``MAPPED_EVENTS`` events for the map and
the co-occurring actors, the dates of the latest ``TIMELINE_EVENTS`` for the timeline, one
page of articles. An actor named in more events than that shows its latest ones and says so.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from worldbrief.domain.entities import KnownEntity
from worldbrief.domain.linked_events import LinkedEvent
from worldbrief.services.platform import Platform
from worldbrief.store import ArticleHeadline

MAPPED_EVENTS = 100
TIMELINE_EVENTS = 1000
CO_ACTORS_SHOWN = 12
ARTICLES_PER_PAGE = 20


class ActorPageError(ValueError):
    """An articles cursor this site did not hand out; the message names it."""


@dataclass(frozen=True, slots=True)
class CoActor:
    entity_id: str
    name: str
    events: int  # among the actor's latest MAPPED_EVENTS events


@dataclass(frozen=True, slots=True)
class ArticlesCursor:
    """Where a newest-first page of an actor's articles ended."""

    published_at: datetime
    article_id: str


@dataclass(frozen=True, slots=True)
class ActorPage:
    entity: KnownEntity
    events: tuple[LinkedEvent, ...]  # the latest, at most MAPPED_EVENTS
    events_capped: bool  # more events exist than ``events`` holds
    months: tuple[tuple[date, int], ...]  # (first of the month, events), oldest first
    timeline_capped: bool  # the months count the latest TIMELINE_EVENTS events only
    co_actors: tuple[CoActor, ...]
    articles: tuple[ArticleHeadline, ...]
    next: ArticlesCursor | None


def actor_page(
    platform: Platform, entity_id: str, after: ArticlesCursor | None = None
) -> ActorPage | None:
    entity = platform.site_reads.events.entities.get(entity_id)
    if entity is None:
        return None
    events_store = platform.site_reads.events.store
    found = events_store.entity_events(entity.id, MAPPED_EVENTS + 1)
    dates = events_store.entity_event_dates(entity.id, TIMELINE_EVENTS + 1)
    articles, next_cursor = _articles(platform, entity.id, after)
    return ActorPage(
        entity=entity,
        events=tuple(found[:MAPPED_EVENTS]),
        events_capped=len(found) > MAPPED_EVENTS,
        months=monthly_counts(dates[:TIMELINE_EVENTS]),
        timeline_capped=len(dates) > TIMELINE_EVENTS,
        co_actors=_canonical(platform, co_actors(entity.id, found[:MAPPED_EVENTS])),
        articles=articles,
        next=next_cursor,
    )


def monthly_counts(dates: list[date]) -> tuple[tuple[date, int], ...]:
    """Events per month from the first month with one to the last, empty months included."""
    if not dates:
        return ()
    counted = Counter(d.replace(day=1) for d in dates)
    month, last = min(counted), max(counted)
    months = []
    while month <= last:
        months.append((month, counted.get(month, 0)))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return tuple(months)


def co_actors(entity_id: str, events: list[LinkedEvent]) -> tuple[CoActor, ...]:
    """The known actors sharing the most of ``events`` with ``entity_id``."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for event in events:
        others = {
            p.entity_id: p.name for p in event.actors if p.entity_id and p.entity_id != entity_id
        }
        for other_id, name in others.items():
            counts[other_id] += 1
            names.setdefault(other_id, name)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], names[kv[0]].lower()))
    return tuple(CoActor(i, names[i], n) for i, n in ranked[:CO_ACTORS_SHOWN])


def _canonical(platform: Platform, actors: tuple[CoActor, ...]) -> tuple[CoActor, ...]:
    """The actors under their canonical names rather than as one report wrote them."""
    names = platform.site_reads.events.entities.names([a.entity_id for a in actors])
    return tuple(dataclasses.replace(a, name=names.get(a.entity_id, a.name)) for a in actors)


def parse_articles_cursor(text: str) -> ArticlesCursor:
    """A cursor as the page hands it out: ``<ISO 8601 time>~<article id>``."""
    moment, sep, article_id = text.partition("~")
    try:
        published_at = datetime.fromisoformat(moment)
    except ValueError:
        published_at = None
    if not sep or not article_id or published_at is None or published_at.tzinfo is None:
        raise ActorPageError("cursor must be 'time~article id' as given")
    return ArticlesCursor(published_at, article_id)


def format_articles_cursor(cursor: ArticlesCursor) -> str:
    return f"{cursor.published_at.isoformat()}~{cursor.article_id}"


def _articles(
    platform: Platform, entity_id: str, after: ArticlesCursor | None
) -> tuple[tuple[ArticleHeadline, ...], ArticlesCursor | None]:
    before = (after.published_at, after.article_id) if after else None
    keys = platform.site_reads.events.entities.article_ids(entity_id, ARTICLES_PER_PAGE + 1, before)
    shown = keys[:ARTICLES_PER_PAGE]
    headlines = tuple(platform.site_reads.headlines([article_id for article_id, _ in shown]))
    more = len(keys) > ARTICLES_PER_PAGE
    next_cursor = ArticlesCursor(shown[-1][1], shown[-1][0]) if more and shown else None
    return headlines, next_cursor
