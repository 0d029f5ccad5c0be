"""Entities in their own tables, on both databases: each article's entities come back as
enriched, the catalog keeps first and last seen, and an entity's articles list newest first."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from worldbrief.domain import Article, ArticleType, BodyFormat, Enrichment
from worldbrief.enrich.entities import EntityStage
from worldbrief.enrich.registry import load_stage_modules
from worldbrief.store import ArticleStore
from worldbrief.store.entity_tables import entity_article_ids, known_entity

load_stage_modules()  # the entities stage keeps its output in its own tables
STAGE = EntityStage()


def enriched(article_id: str, text: str, day: int) -> Article:
    article = Article(
        id=article_id,
        type=ArticleType.NEWS,
        title="",
        body=text,
        body_format=BodyFormat.TEXT,
        plain_text=text,
        published_at=datetime(2024, 5, day, 9, 0, tzinfo=UTC),
        enrichment=Enrichment(),
    )
    return STAGE(article)


def test_entities_are_stored_in_their_tables_and_come_back(store: ArticleStore) -> None:
    article = enriched(
        "a1", "The Islamic Movement of Uzbekistan (IMU) met Hamas. The IMU denied it.", 3
    )
    assert {e.id for e in article.enrichment.entities} == {"uz-imu", "ps-hamas"}
    store.upsert_articles([article])
    assert store.get("a1") == article
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT entities FROM articles")).scalar() in ([], "[]")
        rows = conn.execute(sa.text("SELECT entity_id FROM article_entities ORDER BY position"))
        assert [r[0] for r in rows] == ["uz-imu", "ps-hamas"]


def test_the_catalog_keeps_first_and_last_seen_and_aliases(store: ArticleStore) -> None:
    store.upsert_articles(
        [
            enriched("a2", "The Oasis Liberation Front (OLFX) attacked.", 10),
            enriched("a1", "The Oasis Liberation Front struck again.", 4),
        ]
    )
    store.upsert_articles([enriched("a3", "Oasis Liberation Front (OLF-N) fighters left.", 20)])
    with store.engine.connect() as conn:
        known = known_entity(conn, "oasis-liberation-front")
        assert known is not None and known.name == "Oasis Liberation Front"
        assert known.first_seen == datetime(2024, 5, 4, 9, 0, tzinfo=UTC)
        assert known.last_seen == datetime(2024, 5, 20, 9, 0, tzinfo=UTC)
        assert known.aliases == ("OLFX", "OLF-N")
        assert known_entity(conn, "nobody") is None


def test_an_entitys_articles_page_newest_first_by_keyset(store: ArticleStore) -> None:
    texts = {f"h{day}": (f"Hezbollah fired rockets on day {day}.", day) for day in range(1, 6)}
    store.upsert_articles([enriched(i, text, day) for i, (text, day) in texts.items()])
    store.upsert_articles([enriched("other", "Hamas said nothing.", 6)])
    with store.engine.connect() as conn:
        first = entity_article_ids(conn, "lb-hezbollah", 2)
        assert [i for i, _ in first] == ["h5", "h4"]
        second = entity_article_ids(conn, "lb-hezbollah", 2, before=first[-1][::-1])
        assert [i for i, _ in second] == ["h3", "h2"]
        last = entity_article_ids(conn, "lb-hezbollah", 2, before=second[-1][::-1])
        assert [i for i, _ in last] == ["h1"]


def test_deleting_an_article_deletes_its_mentions(store: ArticleStore) -> None:
    store.upsert_articles([enriched("a1", "Hamas and Fatah met in Cairo.", 2)])
    assert store.delete("a1")
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM article_entities")).scalar() == 0
        assert entity_article_ids(conn, "ps-hamas", 10) == []


def test_an_entity_no_article_names_any_more_leaves_the_catalog(store: ArticleStore) -> None:
    store.upsert_articles(
        [
            enriched("a1", "Hamas and Fatah met in Cairo.", 2),
            enriched("a2", "Hamas said nothing.", 5),
            enriched("a3", "Hamas fired rockets.", 9),
        ]
    )
    assert store.delete("a1")
    with store.engine.connect() as conn:
        assert known_entity(conn, "ps-fatah") is None  # only a1 named it
        hamas = known_entity(conn, "ps-hamas")
        assert hamas is not None
        assert hamas.first_seen == datetime(2024, 5, 5, 9, 0, tzinfo=UTC)  # a1's day is gone
        assert hamas.last_seen == datetime(2024, 5, 9, 9, 0, tzinfo=UTC)
    store.upsert_articles([enriched("a3", "The weather was calm.", 9)])  # rewritten
    with store.engine.connect() as conn:
        hamas = known_entity(conn, "ps-hamas")
        assert hamas is not None and hamas.last_seen == datetime(2024, 5, 5, 9, 0, tzinfo=UTC)
    assert store.delete("a2")
    with store.engine.connect() as conn:
        assert known_entity(conn, "ps-hamas") is None
        assert conn.execute(sa.text("SELECT count(*) FROM entities")).scalar() == 0
