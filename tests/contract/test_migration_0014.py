"""Upgrading to revision 0014 gives the events already stored the words they are found by, so
the text and actor filters of /api/events find them as they find new ones."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import command

import worldbrief.enrich.events  # noqa: F401  (registers the stage and its tables)
from worldbrief.domain import Article, PlaceMention, Span
from worldbrief.domain.events import ActorRole, ActorType, DatePrecision, EventActor, EventMention
from worldbrief.store import open_store
from worldbrief.store.engine import create_store_engine, write_transaction
from worldbrief.store.migrate import alembic_config
from worldbrief.store.schema import events

MakeArticle = Callable[..., Article]
KABUL = PlaceMention(0, 5, "Kabul", "Kabul", 1138958, 34.53, 69.17, "AF", "Kabul", "P.PPLC")


def test_stored_events_get_their_words(store_url: str, make_article: MakeArticle) -> None:
    store = open_store(store_url)
    try:
        article = make_article("a", published=datetime(2023, 5, 20, tzinfo=UTC))
        bombing = EventMention(
            type="Explosions/Remote violence",
            subtype="Suicide bomb",
            confidence=0.9,
            evidence=(Span(0, 10),),
            date=date(2023, 5, 2),
            date_precision=DatePrecision.DAY,
            place=KABUL,
            actors=(EventActor("Taliban", ActorRole.ACTOR1, ActorType.REBEL_GROUP, "af-taliban"),),
        )
        enrichment = dataclasses.replace(article.enrichment, events=(bombing,))
        store.upsert_articles([dataclasses.replace(article, enrichment=enrichment)])
    finally:
        store.close()
    engine = create_store_engine(store_url)
    config = alembic_config()
    try:
        with write_transaction(engine) as conn:  # as a store written before 0014 was
            config.attributes["connection"] = conn
            command.downgrade(config, "0015")
    finally:
        engine.dispose()

    store = open_store(store_url)  # upgrades to the head
    try:
        with store.engine.connect() as conn:
            [(text, keys)] = conn.execute(sa.select(events.c.search_text, events.c.actor_keys))
        assert text.split("\n") == [
            "explosions/remote violence", "suicide bomb", "kabul", "kabul", "af", "taliban",
            "rebel group",
        ]  # fmt: skip
        assert keys == "|taliban|af-taliban|"
    finally:
        store.close()
