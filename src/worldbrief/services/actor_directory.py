"""The actors API's use cases: the catalog of known actors (entities) filtered by type, country
and name prefix, paged by id; one actor with how many distinct events name it.

A page reads at most ``SCAN`` catalog rows: filters the database cannot test in an index
(name prefix, country) are tested on those rows, so a rare filter may give a short or empty
page with a cursor to go on, and a page never costs more however large the catalog grows.
"""

from __future__ import annotations

from dataclasses import dataclass

from worldbrief.domain import EntityType
from worldbrief.domain.entities import KnownEntity
from worldbrief.search.values import FilterValueError, country_filter
from worldbrief.services.platform import Platform

MAX_PAGE = 100
SCAN = 2000


class ActorQueryError(ValueError):
    """A filter the actors API cannot take; the message names it."""


@dataclass(frozen=True, slots=True)
class ActorSummary:
    entity: KnownEntity
    event_count: int  # distinct events naming it among their actors


@dataclass(frozen=True, slots=True)
class ActorList:
    actors: tuple[ActorSummary, ...]
    next: str | None  # the id to continue after; None when the catalog is read to its end


def list_actors(
    platform: Platform,
    *,
    entity_type: str | None = None,
    country: str | None = None,
    name_prefix: str | None = None,
    limit: int = 50,
    after: str | None = None,
) -> ActorList:
    """Known actors in id order after ``after``, at most ``limit``."""
    if not 1 <= limit <= MAX_PAGE:
        raise ActorQueryError(f"limit must be 1 to {MAX_PAGE}")
    if entity_type is not None and entity_type not in {t.value for t in EntityType}:
        known = ", ".join(t.value for t in EntityType)
        raise ActorQueryError(f"type must be one of {known}")
    try:
        code = country_filter(country) if country else None
    except FilterValueError as error:
        raise ActorQueryError(str(error)) from None
    reads = platform.site_reads.events.queries
    found: list[KnownEntity] = []
    cursor = after
    scanned = 0
    while len(found) <= limit and scanned < SCAN:
        size = min(SCAN - scanned, 500)
        batch, stopped = reads.actors(
            after=cursor,
            entity_type=entity_type,
            name_prefix=name_prefix.strip() if name_prefix else None,
            country=code,
            scan=size,
        )
        scanned += size
        found.extend(batch)
        cursor = stopped
        if stopped is None:
            break
    shown = found[:limit]
    following = shown[-1].id if len(found) > limit else cursor
    counts = reads.actor_event_counts([e.id for e in shown])
    return ActorList(tuple(ActorSummary(e, counts.get(e.id, 0)) for e in shown), following)


def actor_summary(platform: Platform, entity_id: str) -> ActorSummary | None:
    reads = platform.site_reads.events.queries
    entity = reads.actor(entity_id)
    if entity is None:
        return None
    return ActorSummary(entity, reads.actor_event_counts([entity.id]).get(entity.id, 0))
