"""The kept tallies of distinct events per (country, week, type) and per division equal a
recount of ``events`` after every link, relink, unlink and delete, and are filled from the
stored events on upgrade. On both databases."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

import worldbrief.enrich.events  # noqa: F401  (registers the stage and its tables)
from support.stored_events import downgrade_store, event_article, report
from worldbrief.domain import Article, PlaceMention
from worldbrief.domain.events import ActorRole, ActorType, EventActor, EventMention
from worldbrief.store import ArticleStore, open_store
from worldbrief.store.schema import event_division_weeks, event_weeks, events

POLICE = EventActor("police", ActorRole.ACTOR1, ActorType.STATE_FORCES)
PUBLISHED = datetime(2024, 8, 6, 9, tzinfo=UTC)


def _place(name: str, country: str, admin1: str | None, lat: float, lon: float) -> PlaceMention:
    return PlaceMention(10, 10 + len(name), name, name, None, lat, lon, country, admin1, "P.PPL")


DHAKA = _place("Dhaka", "BD", "Dhaka Division", 23.71, 90.41)
GAZIPUR = _place("Gazipur", "BD", "Dhaka Division", 23.99, 90.42)  # 31 km: the same clash
CHITTAGONG = _place("Chittagong", "BD", "Chittagong Division", 22.34, 91.83)
ALMATY = _place("Almaty", "KZ", None, 43.25, 76.95)  # no division known
AT_SEA = _place("Bay of Bengal", "", None, 15.0, 88.0)  # placed in no country


def _report(
    place: PlaceMention,
    day: date | None = date(2024, 8, 4),
    subtype: str = "Armed clash",
    kind: str = "Battles",
) -> EventMention:
    return report(day, place, (POLICE,), subtype, kind)


def _article(article_id: str, *reports: EventMention) -> Article:
    return event_article(article_id, PUBLISHED, *reports)


def _kept(store: ArticleStore) -> tuple[Counter[tuple[str, ...]], Counter[tuple[str, ...]]]:
    weeks: Counter[tuple[str, ...]]
    divisions: Counter[tuple[str, ...]]
    with store.engine.connect() as conn:
        weeks = Counter(
            {(r.country, r.week, r.type): r.events for r in conn.execute(sa.select(event_weeks))}
        )
        divisions = Counter(
            {
                (r.country, r.week, r.admin1, r.type): r.events
                for r in conn.execute(sa.select(event_division_weeks))
            }
        )
    return weeks, divisions


def _recount(store: ArticleStore) -> tuple[Counter[tuple[str, ...]], Counter[tuple[str, ...]]]:
    weeks: Counter[tuple[str, ...]] = Counter()
    divisions: Counter[tuple[str, ...]] = Counter()
    with store.engine.connect() as conn:
        for row in conn.execute(sa.select(events)):
            if row.week is None:
                continue
            country = row.place_country or ""
            weeks[(country, row.week, row.type)] += 1
            if country and row.place_admin1 is not None:
                divisions[(country, row.week, row.place_admin1, row.type)] += 1
    return weeks, divisions


def _assert_tallies_recount(store: ArticleStore) -> None:
    assert _kept(store) == _recount(store)


def test_tallies_follow_link_relink_unlink_and_delete(store: ArticleStore) -> None:
    store.upsert_articles(
        [
            _article(
                "a1",
                _report(DHAKA),
                _report(ALMATY, subtype="Peaceful protest", kind="Protests"),
            ),
            _article("a2", _report(GAZIPUR), _report(AT_SEA)),  # links a1's clash
            _article("a3", _report(CHITTAGONG, day=None)),  # undated: no week
        ]
    )
    weeks, divisions = _kept(store)
    monday = "2024-07-29"
    assert weeks == {
        ("BD", monday, "Battles"): 1,  # two reports, one event
        ("KZ", monday, "Protests"): 1,
        ("", monday, "Battles"): 1,
    }
    assert divisions == {("BD", monday, "Dhaka Division", "Battles"): 1}
    _assert_tallies_recount(store)

    # Re-enriched: a2 now reports a clash in Chittagong a week later, so the Dhaka event
    # keeps a1 alone and a new one is counted in another week and division.
    later = date(2024, 8, 4) + timedelta(weeks=1)
    store.upsert_articles([_article("a2", _report(CHITTAGONG, day=later))])
    _assert_tallies_recount(store)
    weeks, divisions = _kept(store)
    assert weeks[("BD", "2024-08-05", "Battles")] == 1 and ("", monday, "Battles") not in weeks
    assert divisions[("BD", "2024-08-05", "Chittagong Division", "Battles")] == 1

    # The undated report gains a date: it is counted in its week from then on.
    store.upsert_articles([_article("a3", _report(CHITTAGONG, day=later))])
    _assert_tallies_recount(store)
    assert _kept(store)[0][("BD", "2024-08-05", "Battles")] == 1  # linked into a2's event

    # The first report of the Dhaka event goes with its article; rows falling to zero go.
    assert store.delete("a1")
    _assert_tallies_recount(store)
    weeks, divisions = _kept(store)
    assert ("BD", monday, "Battles") not in weeks and ("KZ", monday, "Protests") not in weeks
    assert all(n > 0 for n in [*weeks.values(), *divisions.values()])

    assert store.delete("a2") and store.delete("a3")
    assert _kept(store) == (Counter(), Counter())


def test_an_event_moved_by_a_later_first_report_moves_its_count(store: ArticleStore) -> None:
    """An event takes its place from its first report: when the article of that report is
    re-enriched away, the event's place (and division) is the next report's."""
    store.upsert_articles([_article("b1", _report(DHAKA))])
    store.upsert_articles([_article("b2", _report(GAZIPUR))])
    _assert_tallies_recount(store)
    store.upsert_articles([_article("b1")])  # no events any more
    _assert_tallies_recount(store)
    weeks, divisions = _kept(store)
    assert sum(weeks.values()) == 1 and sum(divisions.values()) == 1


def test_upgrade_fills_the_tallies_from_stored_events(store_url: str) -> None:
    store = open_store(store_url)
    try:
        store.upsert_articles(
            [
                _article("c1", _report(DHAKA), _report(AT_SEA)),
                _article("c2", _report(GAZIPUR), _report(ALMATY, day=None)),
                _article("c3", _report(CHITTAGONG, date(2023, 1, 2))),
            ]
        )
        expected = _kept(store)
        assert expected == _recount(store) and sum(expected[0].values()) == 3
    finally:
        store.close()
    assert "event_weeks" not in downgrade_store(store_url, "0021-1")  # as before 0021

    store = open_store(store_url)  # upgrades to the head
    try:
        assert _kept(store) == expected
    finally:
        store.close()
