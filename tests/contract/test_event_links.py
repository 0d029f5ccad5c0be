"""Reports of one event in several articles are one row of ``events`` with several sources;
reports that differ in subtype, place or date stay apart; deleting or re-enriching an article
takes its reports away and an event left without any goes. On both databases."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

import worldbrief.enrich.events  # noqa: F401  (registers the stage and its tables)
from worldbrief.domain import Article, PlaceMention, Span
from worldbrief.domain.events import ActorRole, ActorType, DatePrecision, EventActor, EventMention
from worldbrief.store import ArticleStore
from worldbrief.store.schema import article_events, events

MakeArticle = Callable[..., Article]


def _place(name: str, lat: float, lon: float, admin1: str) -> PlaceMention:
    return PlaceMention(10, 10 + len(name), name, name, None, lat, lon, "BD", admin1, "P.PPL")


DHAKA = _place("Dhaka", 23.71, 90.41, "Dhaka Division")
GAZIPUR = _place("Gazipur", 23.99, 90.42, "Dhaka Division")  # 31 km from Dhaka
COX_BAZAR = _place("Cox's Bazar", 21.45, 91.98, "Chittagong Division")  # 300 km from Dhaka
MYMENSINGH = _place("Mymensingh", 24.75, 90.41, "Mymensingh Division")  # 116 km from Dhaka
NEAR_DHAKA = _place("Narsingdi", 23.92, 90.72, "Chittagong Division")  # 39 km, made-up division


def _clash(**changes: Any) -> EventMention:
    clash = EventMention(
        type="Battles",
        subtype="Armed clash",
        confidence=0.8,
        evidence=(Span(0, 40),),
        date=date(2024, 8, 4),
        date_precision=DatePrecision.DAY,
        place=DHAKA,
        actors=(
            EventActor("police", ActorRole.ACTOR1, ActorType.STATE_FORCES),
            EventActor("gunmen", ActorRole.ACTOR2, ActorType.POLITICAL_MILITIA),
        ),
        fatalities=3,
    )
    return dataclasses.replace(clash, **changes)


def _reporting(
    make_article: MakeArticle, article_id: str, *reports: EventMention, day: int = 5
) -> Article:
    article: Article = make_article(article_id, published=datetime(2024, 8, day, 9, 0, tzinfo=UTC))
    return dataclasses.replace(
        article, enrichment=dataclasses.replace(article.enrichment, events=reports)
    )


def _events(store: ArticleStore) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(events).order_by(events.c.first_reported, events.c.id))
        return [dict(r) for r in rows.mappings()]


def _sources(store: ArticleStore) -> dict[str, list[str]]:
    with store.engine.connect() as conn:
        stmt = sa.select(article_events.c.event_id, article_events.c.article_id).order_by(
            article_events.c.article_id
        )
        found: dict[str, list[str]] = {}
        for row in conn.execute(stmt):
            found.setdefault(row.event_id, []).append(row.article_id)
        return found


def test_two_articles_reporting_the_same_clash_make_one_event_with_two_sources(
    store: ArticleStore, make_article: MakeArticle
) -> None:
    store.upsert_articles([_reporting(make_article, "a1", _clash())])
    later = _clash(place=GAZIPUR, date=date(2024, 8, 5), fatalities=5, fatalities_approximate=True)
    store.upsert_articles([_reporting(make_article, "a2", later, day=6)])

    (event,) = _events(store)
    assert event["sources"] == 2
    assert (event["subtype"], event["event_date"], event["place_admin1"]) == (
        "Armed clash",
        "2024-08-04",
        "Dhaka Division",
    )
    assert (event["fatalities"], event["fatalities_approximate"]) == (5, True)
    assert event["first_reported"] == datetime(2024, 8, 5, 9, 0, tzinfo=UTC)
    assert event["last_reported"] == datetime(2024, 8, 6, 9, 0, tzinfo=UTC)
    assert _sources(store) == {event["id"]: ["a1", "a2"]}


def test_reports_in_one_batch_link_as_they_would_one_by_one(
    store: ArticleStore, make_article: MakeArticle
) -> None:
    near = _clash(place=NEAR_DHAKA)  # another division, but 39 km away
    store.upsert_articles(
        [_reporting(make_article, "a1", _clash()), _reporting(make_article, "a2", near)]
    )
    (event,) = _events(store)
    assert event["sources"] == 2


def test_different_subtype_place_date_or_actors_make_separate_events(
    store: ArticleStore, make_article: MakeArticle
) -> None:
    store.upsert_articles([_reporting(make_article, "a0", _clash())])
    others = [
        _clash(type="Violence against civilians", subtype="Attack"),
        _clash(place=COX_BAZAR),  # 300 km away, another division
        _clash(place=MYMENSINGH),  # 116 km away, another division
        _clash(date=date(2024, 8, 1)),  # three days before
        _clash(actors=(EventActor("soldiers", ActorRole.ACTOR1, ActorType.STATE_FORCES),)),
    ]
    store.upsert_articles(
        [_reporting(make_article, f"a{i}", report) for i, report in enumerate(others, 1)]
    )
    assert [e["sources"] for e in _events(store)] == [1] * 6


def test_reports_dated_by_week_or_placed_in_a_whole_country_are_never_linked(
    store: ArticleStore, make_article: MakeArticle
) -> None:
    bangladesh = PlaceMention(0, 10, "Bangladesh", "Bangladesh", 1210997, 24.0, 90.0, "BD",
                              None, "A.PCLI")  # fmt: skip
    vague = [
        _clash(date=date(2024, 7, 29), date_precision=DatePrecision.WEEK),
        _clash(date=date(2024, 7, 29), date_precision=DatePrecision.WEEK),
        _clash(place=bangladesh),
        _clash(place=bangladesh),
    ]
    store.upsert_articles(
        [_reporting(make_article, f"a{i}", report) for i, report in enumerate(vague)]
    )
    assert [e["sources"] for e in _events(store)] == [1] * 4


def test_an_article_never_counts_twice_for_one_event(
    store: ArticleStore, make_article: MakeArticle
) -> None:
    store.upsert_articles([_reporting(make_article, "a1", _clash())])
    # Two reports of one article that both match the stored clash: one joins it, one stands.
    store.upsert_articles([_reporting(make_article, "a2", _clash(), _clash(date=date(2024, 8, 5)))])
    assert sorted(e["sources"] for e in _events(store)) == [1, 2]


def test_deleting_sources_keeps_the_event_until_the_last_goes(
    store: ArticleStore, make_article: MakeArticle
) -> None:
    store.upsert_articles(
        [
            _reporting(make_article, "a1", _clash()),
            _reporting(make_article, "a2", _clash(fatalities=9), day=6),
        ]
    )
    (before,) = _events(store)
    assert (before["sources"], before["fatalities"]) == (2, 9)

    assert store.delete("a2")
    (after,) = _events(store)
    assert after["id"] == before["id"]
    assert (after["sources"], after["fatalities"]) == (1, 3)
    assert after["last_reported"] == datetime(2024, 8, 5, 9, 0, tzinfo=UTC)

    assert store.delete("a1")
    assert _events(store) == []


def test_re_enrichment_moves_a_report_to_the_event_it_now_reports(
    store: ArticleStore, make_article: MakeArticle
) -> None:
    store.upsert_articles(
        [_reporting(make_article, "a1", _clash()), _reporting(make_article, "a2", _clash())]
    )
    (shared,) = _events(store)
    store.upsert_articles([_reporting(make_article, "a2", _clash(place=COX_BAZAR))])
    found = {e["id"]: e["sources"] for e in _events(store)}
    assert found[shared["id"]] == 1 and sorted(found.values()) == [1, 1]

    store.upsert_articles([_reporting(make_article, "a2")])  # no events any more
    assert [e["id"] for e in _events(store)] == [shared["id"]]


def test_an_event_re_created_under_a_taken_id_keeps_all_its_reports(
    store: ArticleStore, make_article: MakeArticle
) -> None:
    """a1 made the Dhaka event and a2 joined it; a1 re-enriched now tells of Cox's Bazar, whose
    new event would take the id a1's report gave the Dhaka one (still a2's): it takes another,
    and a3, reporting the same in that batch, goes with it."""
    store.upsert_articles(
        [_reporting(make_article, "a1", _clash()), _reporting(make_article, "a2", _clash())]
    )
    (dhaka,) = _events(store)
    store.upsert_articles(
        [
            _reporting(make_article, "a1", _clash(place=COX_BAZAR, date=date(2024, 8, 10))),
            _reporting(make_article, "a3", _clash(place=COX_BAZAR, date=date(2024, 8, 10))),
        ]
    )
    by_id = {e["id"]: e for e in _events(store)}
    assert by_id[dhaka["id"]]["place_admin1"] == "Dhaka Division"
    assert _sources(store)[dhaka["id"]] == ["a2"]
    (cox,) = [e for i, e in by_id.items() if i != dhaka["id"]]
    assert cox["sources"] == 2 and _sources(store)[cox["id"]] == ["a1", "a3"]
