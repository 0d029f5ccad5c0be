"""Country-page tables: weekly articles per country and articles per place, kept with every
write, update and delete, and filled from what is stored on upgrade."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import command

from worldbrief.domain import Article, PlaceMention
from worldbrief.domain.coverage import WeekCount
from worldbrief.store import ArticleStore, open_store
from worldbrief.store.engine import create_store_engine, write_transaction
from worldbrief.store.migrate import alembic_config

MakeArticle = Callable[..., Article]
MONDAY = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)  # a Monday
AKTAU = PlaceMention(0, 5, "Aktau", "Aktau", 610611, 43.65, 51.2, "KZ", "Mangghystau", "P.PPLA")
ZHANAOZEN = PlaceMention(
    0, 9, "Zhanaozen", "Zhanaozen", 607610, 43.34, 52.86, "KZ", "Mangghystau", "P.PPL"
)
KAZAKHSTAN = PlaceMention(
    0, 10, "Kazakhstan", "Kazakhstan", 1522867, 48.0, 68.0, "KZ", None, "A.PCLI"
)
MOSCOW = PlaceMention(0, 6, "Moscow", "Moscow", 524901, 55.75, 37.62, "RU", "Moscow", "P.PPLC")


def with_places(article: Article, *places: PlaceMention) -> Article:
    return replace(article, enrichment=replace(article.enrichment, places=places))


def at(day: int, hour: int = 9) -> datetime:
    return MONDAY.replace(day=MONDAY.day + day, hour=hour)


def all_weeks(store: ArticleStore, code: str) -> list[WeekCount]:
    return store.country_weeks(code, date(2000, 1, 3), date(2100, 1, 4))


def test_weeks_count_focus_articles_monday_to_sunday(
    store: ArticleStore, make_article: MakeArticle
) -> None:
    store.upsert_articles(
        [
            make_article("w1", published=at(0), focus={"KZ": 0.9}),
            make_article("w2", published=at(6, 23), focus={"KZ": 0.7, "RU": 0.5}),  # Sunday
            make_article("w3", published=at(7), focus={"KZ": 0.8}),  # the next Monday
            make_article("w4", published=at(1), mentioned={"KZ": 0.2}),  # not about KZ
        ]
    )
    assert all_weeks(store, "KZ") == [
        WeekCount(date(2024, 3, 4), 2),
        WeekCount(date(2024, 3, 11), 1),
    ]
    assert all_weeks(store, "RU") == [WeekCount(date(2024, 3, 4), 1)]
    assert store.country_weeks("KZ", date(2024, 3, 11), date(2024, 3, 11)) == [
        WeekCount(date(2024, 3, 11), 1)
    ]
    assert store.country_week_range("KZ") == (date(2024, 3, 4), date(2024, 3, 11))
    assert store.country_week_range("UZ") is None


def test_places_count_each_article_once_and_leave_the_country_out(
    store: ArticleStore, make_article: MakeArticle
) -> None:
    store.upsert_articles(
        [
            with_places(make_article("p1", published=at(0)), AKTAU, AKTAU, KAZAKHSTAN),
            with_places(make_article("p2", published=at(1), focus={"RU": 0.9}), AKTAU, MOSCOW),
            with_places(make_article("p3", published=at(2)), ZHANAOZEN),
        ]
    )
    places = store.country_places("KZ", 10)
    assert [(p.name, p.articles) for p in places] == [("Aktau", 2), ("Zhanaozen", 1)]
    assert places[0].admin1 == "Mangghystau" and places[0].lat == 43.65
    assert store.country_places("KZ", 1)[0].name == "Aktau"  # the bound holds
    assert store.place_article_ids("KZ", "610611", 10) == ["p2", "p1"]
    assert [p.name for p in store.country_places("RU", 10)] == ["Moscow"]


def test_counts_follow_updates_and_deletes(store: ArticleStore, make_article: MakeArticle) -> None:
    first = with_places(make_article("u1", published=at(0), focus={"KZ": 0.9}), AKTAU)
    store.upsert_articles([first, with_places(make_article("u2", published=at(0)), AKTAU)])
    moved = with_places(
        make_article("u1", published=at(8), focus={"KZ": 0.9}, title="Moved"), ZHANAOZEN
    )
    store.upsert_articles([moved])
    assert all_weeks(store, "KZ") == [WeekCount(date(2024, 3, 11), 1)]
    assert {(p.name, p.articles) for p in store.country_places("KZ", 10)} == {
        ("Aktau", 1),
        ("Zhanaozen", 1),
    }
    assert store.place_article_ids("KZ", "610611", 10) == ["u2"]
    store.upsert_articles([moved])  # unchanged: nothing moves
    assert all_weeks(store, "KZ") == [WeekCount(date(2024, 3, 11), 1)]
    store.delete("u1")
    store.delete("u2")
    assert all_weeks(store, "KZ") == [] and store.country_places("KZ", 10) == []
    assert store.place_article_ids("KZ", "610611", 10) == []


def test_upgrade_fills_the_tables_from_stored_articles(
    store_url: str, make_article: MakeArticle
) -> None:
    early = open_store(store_url)
    early.upsert_articles(
        [
            with_places(make_article("o1", published=at(0), focus={"KZ": 0.9}), AKTAU, KAZAKHSTAN),
            with_places(make_article("o2", published=at(7), focus={"KZ": 0.6}), AKTAU, ZHANAOZEN),
        ]
    )
    early.close()
    engine = create_store_engine(store_url)
    config = alembic_config()
    try:
        with write_transaction(engine) as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0010")
            assert "country_weeks" not in sa.inspect(conn).get_table_names()
    finally:
        engine.dispose()
    store = open_store(store_url)
    try:
        assert all_weeks(store, "KZ") == [
            WeekCount(date(2024, 3, 4), 1),
            WeekCount(date(2024, 3, 11), 1),
        ]
        assert [(p.name, p.articles) for p in store.country_places("KZ", 10)] == [
            ("Aktau", 2),
            ("Zhanaozen", 1),
        ]
        assert store.place_article_ids("KZ", "610611", 10) == ["o2", "o1"]
        # Kept from here on, as for a store made at this revision.
        store.delete("o2")
        assert store.place_article_ids("KZ", "610611", 10) == ["o1"]
    finally:
        store.close()
