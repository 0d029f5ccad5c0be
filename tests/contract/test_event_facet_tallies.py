"""The unfiltered events search counts every dated event from kept tallies
(``event_facet_counts``): after a report makes an event, joins one, is re-enriched, gains a date
or goes with its article, the kept tallies equal a recount of ``events`` and
``event_entities``, and the unfiltered facets equal a fresh count of the same events by the
bounded window; an upgrade fills the tallies from the stored events. On both databases."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime

import sqlalchemy as sa

import worldbrief.enrich.events  # noqa: F401  (registers the stage and its tables)
from support.stored_events import (
    AKTAU,
    GOMA,
    REBELS,
    TROOPS,
    WORKERS,
    downgrade_store,
    event_article,
    report,
    with_events,
)
from worldbrief.domain import PlaceMention
from worldbrief.domain.event_query import EventFacets, EventQuery
from worldbrief.store import ArticleStore, open_store
from worldbrief.store.event_search import event_facets
from worldbrief.store.schema import event_entities, event_facet_counts, events

AT_SEA = PlaceMention(0, 5, "Bay of Bengal", "Bay of Bengal", None, 15.0, 88.0, "", None, "H.BAY")
EVERY_DATED = EventQuery(since=date(1, 1, 1))  # the same events, counted by the window
WINDOW = 10_000


# The clash's week starts on Monday 2024-02-26, in February; its day is in March.
CLASH = event_article(
    "a", datetime(2024, 3, 2, tzinfo=UTC), report(date(2024, 3, 1), GOMA, (TROOPS, REBELS))
)
CLASH_AGAIN = event_article(  # told a day earlier: joins the clash and moves it to February
    "b", datetime(2024, 3, 2, 6, tzinfo=UTC), report(date(2024, 2, 29), GOMA, (REBELS,))
)
STRIKE = event_article(
    "c",
    datetime(2024, 1, 9, tzinfo=UTC),
    report(date(2024, 1, 8), AKTAU, (WORKERS,), "Peaceful protest", "Protests"),
    report(date(2024, 1, 8), AT_SEA, (TROOPS,), "Attack", "Violence against civilians"),
)
UNDATED = event_article("d", datetime(2024, 3, 5, tzinfo=UTC), report(None, GOMA, (REBELS,)))


def _kept(store: ArticleStore) -> Counter[tuple[str, str]]:
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(event_facet_counts)).all()
    return Counter({(r.facet, r.value): int(r.events) for r in rows})


def _recount(store: ArticleStore) -> Counter[tuple[str, str]]:
    found: Counter[tuple[str, str]] = Counter()
    with store.engine.connect() as conn:
        for row in conn.execute(sa.select(events).where(events.c.event_date.is_not(None))):
            found[("type", row.type)] += 1
            found[("month", row.event_date[:7])] += 1
            if row.place_country:
                found[("country", row.place_country)] += 1
        dated = sa.select(event_entities.c.entity_id).where(event_entities.c.event_date != "")
        found.update(("actor", r.entity_id) for r in conn.execute(dated))
    return found


def _facets(store: ArticleStore, where: EventQuery) -> EventFacets:
    with store.engine.connect() as conn:
        return event_facets(conn, where, WINDOW)


def _assert_current(store: ArticleStore) -> EventFacets:
    """The tallies equal a recount, and the unfiltered facets the window's count of the same
    events (which holds them all here, actors included)."""
    assert _kept(store) == _recount(store)
    kept, counted = _facets(store, EventQuery()), _facets(store, EVERY_DATED)
    assert counted.complete and kept == counted
    return kept


def _counts(facets: EventFacets, facet: str) -> dict[str, int]:
    return {f.value: f.count for f in getattr(facets, facet)}


def test_kept_facets_equal_a_recount_after_every_kind_of_event_change(store: ArticleStore) -> None:
    assert _assert_current(store) == EventFacets(0, True, (), (), (), ())

    store.upsert_articles([CLASH, STRIKE, UNDATED])  # reports making new events
    facets = _assert_current(store)
    assert facets.counted == 3  # the undated report is no dated event
    assert _counts(facets, "month") == {"2024-03": 1, "2024-01": 2}
    assert _counts(facets, "country") == {"CD": 1, "KZ": 1}  # the sea is in no country
    assert _counts(facets, "actor") == {"fardc": 2, "m23": 1}  # not of the undated report
    assert [f.value for f in facets.month] == ["2024-03", "2024-01"]  # newest first

    store.upsert_articles([CLASH_AGAIN])  # a report joining a stored event: relinked
    facets = _assert_current(store)
    assert facets.counted == 3 and _counts(facets, "month") == {"2024-02": 1, "2024-01": 2}

    riot = report(date(2024, 3, 20), AKTAU, (WORKERS, REBELS), "Mob violence", "Riots")
    store.upsert_articles([with_events(STRIKE, riot)])  # re-enriched: one riot, not two events
    facets = _assert_current(store)
    assert _counts(facets, "type") == {"Battles": 1, "Riots": 1}
    assert _counts(facets, "month") == {"2024-03": 1, "2024-02": 1}
    assert _counts(facets, "actor") == {"m23": 2, "fardc": 1}

    dated = report(date(2024, 3, 4), GOMA, (REBELS,), "Attack", "Violence against civilians")
    store.upsert_articles([with_events(UNDATED, dated)])  # the undated report gains a date
    facets = _assert_current(store)
    assert facets.counted == 3 and _counts(facets, "actor")["m23"] == 3

    assert store.delete("a")  # the clash's first report goes: the event lives on, moved
    facets = _assert_current(store)
    assert _counts(facets, "actor") == {"m23": 3}  # the troops went with article a
    assert all(n > 0 for n in _kept(store).values())

    for article_id in ("b", "c", "d"):
        assert store.delete(article_id)
    assert _assert_current(store) == EventFacets(0, True, (), (), (), ())
    assert _kept(store) == Counter()


def test_an_upgrade_fills_the_tallies_from_the_stored_events(store_url: str) -> None:
    store = open_store(store_url)
    try:
        store.upsert_articles([CLASH, CLASH_AGAIN, STRIKE, UNDATED])
        before = _kept(store)
        assert before == _recount(store)
        assert sum(n for (facet, _), n in before.items() if facet == "type") == 3
        assert "event_facet_counts" not in downgrade_store(store_url, "0024")
        open_store(store_url).close()  # upgrades to the head
        assert _kept(store) == before
    finally:
        store.close()
