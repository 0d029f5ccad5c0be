"""Events to store, for the tests of event tallies, kept counts and the events search: the
places, actors and entities they share, builders of reports and of the articles that carry
them, and a store taken back to an older schema to see an upgrade fill what it adds."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from alembic import command

from contract.conftest import build_article
from worldbrief.domain import Article, EntityType, NamedEntity, PlaceMention, Span
from worldbrief.domain.events import ActorRole, ActorType, DatePrecision, EventActor, EventMention
from worldbrief.store.engine import create_store_engine, write_transaction
from worldbrief.store.migrate import alembic_config

GOMA = PlaceMention(0, 4, "Goma", "Goma", 215605, -1.68, 29.22, "CD", "North Kivu", "P.PPLA")
KINSHASA = PlaceMention(0, 4, "Kinshasa", "Kinshasa", 2314302, -4.33, 15.31, "CD", "Kinshasa",
                        "P.PPLC")  # fmt: skip
AKTAU = PlaceMention(0, 5, "Aktau", "Aktau", 610612, 43.65, 51.17, "KZ", "Mangghystau", "P.PPLA")
M23 = NamedEntity("m23", "March 23 Movement", EntityType.ARMED_GROUP, (Span(18, 21),),
                  ("M23",), ("CD",))  # fmt: skip
FARDC = NamedEntity("fardc", "Armed Forces of the DRC", EntityType.STATE_FORCES, (Span(7, 13),),
                    ("FARDC",), ("CD",))  # fmt: skip
TROOPS = EventActor("troops", ActorRole.ACTOR1, ActorType.STATE_FORCES, "fardc")
REBELS = EventActor("M23", ActorRole.ACTOR2, ActorType.REBEL_GROUP, "m23")
WORKERS = EventActor("oil workers", ActorRole.ACTOR1, ActorType.PROTESTERS)


def report(
    day: date | None,
    place: PlaceMention,
    actors: tuple[EventActor, ...] = (),
    subtype: str = "Armed clash",
    kind: str = "Battles",
    *,
    fatalities: int | None = None,
) -> EventMention:
    """One report of an event on ``day`` (dated to the day, or undated) at ``place``."""
    return EventMention(
        type=kind,
        subtype=subtype,
        confidence=0.7,
        evidence=(Span(7, 47),),
        date=day,
        date_precision=DatePrecision.DAY if day else None,
        place=place,
        actors=actors,
        fatalities=fatalities,
    )


def with_events(
    article: Article, *reports: EventMention, entities: tuple[NamedEntity, ...] | None = None
) -> Article:
    """``article`` as enrichment leaves it when it finds ``reports`` (and ``entities``, when
    given) in it: what a first enrichment or a re-enrichment stores."""
    found: dict[str, Any] = {"events": reports}
    if entities is not None:
        found["entities"] = entities
    return dataclasses.replace(article, enrichment=dataclasses.replace(article.enrichment, **found))


def event_article(
    article_id: str,
    published: datetime,
    *reports: EventMention,
    entities: tuple[NamedEntity, ...] = (),
    **fields: Any,
) -> Article:
    """A small valid article (``build_article``, with ``fields``) reporting ``reports``."""
    article = build_article(article_id, published=published, **fields)
    return with_events(article, *reports, entities=entities)


def downgrade_store(store_url: str, revision: str) -> set[str]:
    """Takes the store at ``store_url`` back to schema ``revision``, as a store written before
    the later migrations were; the names of its tables then."""
    engine = create_store_engine(store_url)
    config = alembic_config()
    try:
        with write_transaction(engine) as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, revision)
        return set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()
