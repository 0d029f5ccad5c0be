"""Upgrading to revision 0012 links the reports already stored: a store whose events were
written before linking existed gets one event per reported event, with its sources."""

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
from worldbrief.store.schema import article_events, event_entities, events

MakeArticle = Callable[..., Article]
KABUL = PlaceMention(0, 5, "Kabul", "Kabul", 1138958, 34.53, 69.17, "AF", "Kabul", "P.PPLC")


def _bombing(day: int) -> EventMention:
    return EventMention(
        type="Explosions/Remote violence",
        subtype="Suicide bomb",
        confidence=0.9,
        evidence=(Span(0, 10),),
        date=date(2023, 5, day),
        date_precision=DatePrecision.DAY,
        place=KABUL,
        actors=(EventActor("Taliban", ActorRole.ACTOR1, ActorType.REBEL_GROUP, "taliban"),),
        fatalities=day,
    )


def test_stored_reports_are_linked_by_the_upgrade(
    store_url: str, make_article: MakeArticle
) -> None:
    store = open_store(store_url)
    try:
        published = datetime(2023, 5, 20, tzinfo=UTC)
        batch = [
            make_article(i, published=published.replace(hour=h))
            for h, i in enumerate(["a", "b", "c"])
        ]
        told = {"a": (_bombing(2),), "b": (_bombing(3),), "c": (_bombing(9),)}
        store.upsert_articles(
            [
                dataclasses.replace(
                    a, enrichment=dataclasses.replace(a.enrichment, events=told[a.id])
                )
                for a in batch
            ]
        )
    finally:
        store.close()
    engine = create_store_engine(store_url)
    config = alembic_config()
    try:
        with write_transaction(engine) as conn:  # as a store written before 0012 was
            config.attributes["connection"] = conn
            command.downgrade(config, "0011")
    finally:
        engine.dispose()

    store = open_store(store_url)  # upgrades to the head
    try:
        with store.engine.connect() as conn:
            found = conn.execute(
                sa.select(events.c.id, events.c.sources, events.c.fatalities).order_by(
                    events.c.event_date
                )
            ).all()
            assert [(s, f) for _, s, f in found] == [(2, 3), (1, 9)]
            linked = conn.execute(
                sa.select(article_events.c.article_id, article_events.c.event_id).order_by(
                    article_events.c.article_id
                )
            ).all()
            assert [e for _, e in linked] == [found[0].id, found[0].id, found[1].id]
            named = conn.execute(sa.select(event_entities.c.entity_id)).scalars().all()
            assert named == ["taliban", "taliban"]
        store.delete("c")  # and linking goes on as usual
        with store.engine.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(events)).scalar() == 1
    finally:
        store.close()
