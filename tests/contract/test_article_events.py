"""An article's events live in ``article_events``: stored with it, read back whole, queried by
subtype and country, replaced when they change and deleted with it; on both databases."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

import sqlalchemy as sa

import worldbrief.enrich.events  # noqa: F401  (registers the stage and its tables)
from worldbrief.domain import Article, PlaceMention, Span
from worldbrief.domain.events import ActorRole, ActorType, DatePrecision, EventActor, EventMention
from worldbrief.store import ArticleStore
from worldbrief.store.schema import article_events

MakeArticle = Callable[..., Article]

DHAKA = PlaceMention(40, 45, "Dhaka", "Dhaka", 1185241, 23.71, 90.41, "BD", "Dhaka", "P.PPLC")
PROTEST = EventMention(
    type="Protests",
    subtype="Protest with intervention",
    confidence=0.82,
    evidence=(Span(0, 60), Span(61, 90)),
    date=date(2024, 8, 4),
    date_precision=DatePrecision.DAY,
    date_text="on Sunday",
    place=DHAKA,
    actors=(
        EventActor("students", ActorRole.ACTOR1, ActorType.PROTESTERS, None, Span(20, 28)),
        EventActor("police", ActorRole.ACTOR2, ActorType.STATE_FORCES, "bd-police"),
    ),
    fatalities=24,
    fatalities_approximate=True,
)
QUAKE = EventMention("Disasters", "Natural disaster", 0.6, (Span(91, 120),))


def _with(article: Article, *events: EventMention) -> Article:
    return dataclasses.replace(
        article, enrichment=dataclasses.replace(article.enrichment, events=events)
    )


def test_events_are_stored_read_back_and_queried(
    store: ArticleStore, make_article: MakeArticle
) -> None:
    article = _with(make_article("a1"), PROTEST, QUAKE)
    assert [o.status for o in store.upsert_articles([article])] == ["created"]
    assert store.get("a1") == article
    with store.engine.connect() as conn:
        stmt = sa.select(article_events.c.article_id, article_events.c.event_date).where(
            article_events.c.subtype == "Protest with intervention",
            article_events.c.place_country == "BD",
        )
        assert [tuple(r) for r in conn.execute(stmt)] == [("a1", "2024-08-04")]


def test_changed_events_are_an_update_and_go_with_their_article(
    store: ArticleStore, make_article: MakeArticle
) -> None:
    store.upsert_articles([_with(make_article("a1"), PROTEST)])
    outcome = store.upsert_articles([_with(make_article("a1"), QUAKE)])
    assert [o.status for o in outcome] == ["updated"]
    stored = store.get("a1")
    assert stored is not None and stored.enrichment.events == (QUAKE,)
    store.delete("a1")
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(article_events)).scalar() == 0
