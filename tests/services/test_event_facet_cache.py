"""The events search's counts kept between writes are never stale: after a report makes a new
event, joins a stored one, is re-enriched or its article is deleted, and after a write that
lands while counts are being taken, the next answer equals a recount. On both databases."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

import worldbrief.enrich.entities
import worldbrief.enrich.events  # noqa: F401  (register the stages and their tables)
from support.stored_events import (
    AKTAU,
    FARDC,
    GOMA,
    KINSHASA,
    M23,
    REBELS,
    TROOPS,
    WORKERS,
    event_article,
    report,
    with_events,
)
from worldbrief.domain.event_query import EventFacets, EventQuery
from worldbrief.services.event_facet_cache import EventFacetCache, facet_cache_of
from worldbrief.services.event_queries import FACET_WINDOW, search_events
from worldbrief.services.platform import Platform
from worldbrief.store.event_queries_store import EventQueryStore

QUERIES = (
    EventQuery(),
    EventQuery(countries=("CD",)),
    EventQuery(type="Protests"),
    EventQuery(actor="m23"),
    EventQuery(words=("goma",)),
    EventQuery(since=date(2024, 3, 1)),
)


CLASH = event_article(
    "a",
    datetime(2024, 3, 3, tzinfo=UTC),
    report(date(2024, 3, 1), GOMA, (TROOPS, REBELS)),
    entities=(M23, FARDC),
)
# The same clash told a day earlier: it joins the event and moves it into February.
CLASH_AGAIN = event_article(
    "b",
    datetime(2024, 3, 3, 6, tzinfo=UTC),
    report(date(2024, 2, 29), GOMA, (REBELS,)),
    entities=(M23,),
)
PROTEST = event_article(
    "c",
    datetime(2024, 3, 11, tzinfo=UTC),
    report(date(2024, 3, 10), KINSHASA, (), "Peaceful protest", "Protests"),
)
STRIKE = event_article(
    "d",
    datetime(2024, 2, 21, tzinfo=UTC),
    report(date(2024, 2, 20), AKTAU, (WORKERS,), "Peaceful protest", "Protests"),
)


def _served(platform: Platform, where: EventQuery) -> EventFacets:
    return search_events(platform, where, limit=1).facets


def _recount(platform: Platform, where: EventQuery) -> EventFacets:
    return EventQueryStore.alongside(platform.store).facets(where, FACET_WINDOW)


def _all_current(platform: Platform) -> None:
    for where in QUERIES:
        assert _served(platform, where) == _recount(platform, where), where


def _counts(facets: EventFacets, facet: str) -> dict[str, int]:
    return {f.value: f.count for f in getattr(facets, facet)}


def test_counts_are_kept_until_the_store_changes(platform: Platform) -> None:
    platform.store.upsert_articles([CLASH, PROTEST])
    first = _served(platform, EventQuery())
    again = search_events(platform, EventQuery(), limit=5, page=1).facets
    assert again is first  # kept: another page of the same query shares the counts
    assert _served(platform, EventQuery(countries=("CD",))) is not first
    assert len(facet_cache_of(platform.store)) == 2
    platform.store.upsert_articles([CLASH])  # unchanged: nothing logged, nothing dropped
    assert _served(platform, EventQuery()) is first


def test_every_kind_of_event_change_shows_in_the_next_counts(platform: Platform) -> None:
    store = platform.store
    store.upsert_articles([CLASH, PROTEST])
    _all_current(platform)
    assert _served(platform, EventQuery()).counted == 2

    store.upsert_articles([STRIKE])  # a report making a new event
    _all_current(platform)
    assert _counts(_served(platform, EventQuery()), "country") == {"CD": 2, "KZ": 1}

    store.upsert_articles([CLASH_AGAIN])  # a report joining a stored event (a day earlier)
    _all_current(platform)
    unfiltered = _served(platform, EventQuery())
    assert unfiltered.counted == 3  # still three events, the clash now in February
    assert _counts(unfiltered, "month") == {"2024-03": 1, "2024-02": 2}
    assert _served(platform, EventQuery(since=date(2024, 3, 1))).counted == 1

    riot = report(date(2024, 3, 10), KINSHASA, (), "Mob violence", "Riots")
    store.upsert_articles([with_events(PROTEST, riot)])  # re-enriched: the protest was a riot
    _all_current(platform)
    assert _counts(_served(platform, EventQuery()), "type") == {"Battles": 1, "Riots": 1,
                                                                "Protests": 1}  # fmt: skip
    assert _served(platform, EventQuery(type="Protests")).counted == 1

    store.delete("a")  # one of the clash's two reports goes: the event lives on
    _all_current(platform)
    assert _counts(_served(platform, EventQuery(actor="m23")), "actor") == {"m23": 1}
    assert _counts(_served(platform, EventQuery()), "actor") == {"m23": 1}  # troops left with a

    store.delete("d")  # the strike's only report goes, and the event with it
    _all_current(platform)
    assert _counts(_served(platform, EventQuery()), "country") == {"CD": 2}


def test_a_write_during_counting_shows_in_the_next_answer(platform: Platform) -> None:
    store = platform.store
    store.upsert_articles([CLASH])
    reads = EventQueryStore.alongside(store)

    def count_then_write(where: EventQuery, window: int) -> EventFacets:
        counted = reads.facets(where, window)
        store.upsert_articles([STRIKE])  # commits after the counts were read
        return counted

    cache = facet_cache_of(store)
    assert cache.facets(EventQuery(), FACET_WINDOW, count_then_write).counted == 1
    assert _served(platform, EventQuery()).counted == 2


@pytest.mark.parametrize("capacity", [0, 2])
def test_at_most_capacity_queries_are_kept_the_least_recent_going(capacity: int) -> None:
    counted: list[EventQuery] = []

    def count(where: EventQuery, window: int) -> EventFacets:
        counted.append(where)
        return EventFacets(len(counted), True, (), (), (), ())

    cache = EventFacetCache(lambda: 7, capacity)
    first, second, third = (EventQuery(countries=(c,)) for c in ("CD", "KZ", "FJ"))
    for where in (first, second, first, third, first, second):
        cache.facets(where, FACET_WINDOW, count)
    assert len(cache) == capacity
    if capacity:  # second went when third came (first had been used since)
        assert counted == [first, second, third, second]
    else:
        assert counted == [first, second, first, third, first, second]


def test_a_negative_capacity_is_refused() -> None:
    with pytest.raises(ValueError, match="capacity must be 0 or more queries, got -1"):
        EventFacetCache(lambda: 0, -1)
