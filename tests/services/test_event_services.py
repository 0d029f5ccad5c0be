"""Distinct events through the services: one event with its sources and their evidence (only
for viewers who may read the body), newest-first pages of a country and of an entity, and
weekly counts of distinct events that the trend rules take. On both databases."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

import worldbrief.enrich.events  # noqa: F401  (registers the stage and its tables)
from contract.conftest import build_article
from worldbrief.domain import AccessLevel, Article, PlaceMention, Span
from worldbrief.domain.events import ActorRole, ActorType, DatePrecision, EventActor, EventMention
from worldbrief.domain.linked_events import EventFilter
from worldbrief.domain.trends import ChangeLevel
from worldbrief.membership.roles import ANONYMOUS, Role, Viewer
from worldbrief.services import events as event_services
from worldbrief.services.events import EventQueryError
from worldbrief.services.platform import Platform

TEXT = "Title\n\nGunmen and police clashed in Dhaka on Sunday. Three people died."
SENTENCE = Span(7, 52)
DHAKA = PlaceMention(36, 41, "Dhaka", "Dhaka", 1185241, 23.71, 90.41, "BD", "Dhaka Division", "P")
MEMBER = Viewer(Role.MEMBER, "member@example.org")


def _clash(day: date, place: PlaceMention = DHAKA) -> EventMention:
    return EventMention(
        type="Battles",
        subtype="Armed clash",
        confidence=0.8,
        evidence=(SENTENCE,),
        date=day,
        date_precision=DatePrecision.DAY,
        date_text="on Sunday",
        place=place,
        actors=(EventActor("police", ActorRole.ACTOR1, ActorType.STATE_FORCES, "bd-police"),),
        fatalities=3,
    )


def _article(
    article_id: str,
    *reports: EventMention,
    access: AccessLevel = AccessLevel.FREE,
    published: datetime = datetime(2024, 8, 5, 9, tzinfo=UTC),
) -> Article:
    article = build_article(article_id, published=published, access=access, plain_text=TEXT)
    return dataclasses.replace(
        article, enrichment=dataclasses.replace(article.enrichment, events=reports)
    )


def test_an_event_lists_its_sources_and_shows_evidence_only_to_those_who_may_read_it(
    platform: Platform,
) -> None:
    platform.store.upsert_articles(
        [
            _article("free", _clash(date(2024, 8, 4))),
            _article("paid", _clash(date(2024, 8, 4)), access=AccessLevel.MEMBERS),
        ]
    )
    page = event_services.country_events(platform, "bd")
    (event,) = page.events
    assert event.sources == 2 and page.next is None

    anonymous = event_services.event_detail(platform, event.id, ANONYMOUS)
    assert anonymous is not None
    by_id = {s.article_id: s for s in anonymous.sources}
    assert by_id["free"].sentences == ("Gunmen and police clashed in Dhaka on Sunday.",)
    assert by_id["paid"].locked and by_id["paid"].sentences is None
    assert by_id["paid"].evidence is None and by_id["paid"].title == "Title of paid"

    member = event_services.event_detail(platform, event.id, MEMBER)
    assert member is not None
    assert [s.locked for s in member.sources] == [False, False]
    assert event_services.event_detail(platform, "ev-none", MEMBER) is None


def test_latest_events_page_newest_first_and_entities_find_theirs(platform: Platform) -> None:
    platform.store.upsert_articles(
        [_article(f"a{day}", _clash(date(2024, 8, day))) for day in (1, 4, 7, 10)]
    )
    first = event_services.latest_events(platform, EventFilter(country="BD"), limit=3)
    assert [e.date for e in first.events] == [date(2024, 8, d) for d in (10, 7, 4)]
    assert first.next is not None
    cursor = event_services.parse_cursor(event_services.format_cursor(first.next))
    rest = event_services.latest_events(platform, EventFilter(country="BD"), 3, cursor)
    assert [e.date for e in rest.events] == [date(2024, 8, 1)] and rest.next is None

    since = EventFilter(subtype="Armed clash", since=date(2024, 8, 5), until=date(2024, 8, 9))
    assert [e.date for e in event_services.latest_events(platform, since).events] == [
        date(2024, 8, 7)
    ]
    named = event_services.entity_events(platform, "bd-police", limit=2)
    assert [e.date for e in named.events] == [date(2024, 8, 10), date(2024, 8, 7)]
    assert event_services.entity_events(platform, "someone-else").events == ()
    with pytest.raises(EventQueryError, match="cursor"):
        event_services.parse_cursor("yesterday")


def test_weekly_counts_count_each_event_once_and_feed_the_trend_rules(
    platform: Platform,
) -> None:
    # Week of 29 July: one clash reported by three articles; week of 5 August: eight clashes.
    same = [_article(f"s{i}", _clash(date(2024, 7, 30))) for i in range(3)]
    places = [
        dataclasses.replace(DHAKA, admin1=f"Division {i}", lat=20.0 + i, lon=88.0) for i in range(8)
    ]
    many = [_article(f"m{i}", _clash(date(2024, 8, 6), p)) for i, p in enumerate(places)]
    platform.store.upsert_articles(same + many)

    counts = event_services.weekly_event_counts(
        platform, date(2024, 7, 1), date(2024, 8, 11), country="BD"
    )
    assert counts == {date(2024, 7, 29): 1, date(2024, 8, 5): 8}
    by_type = event_services.weekly_event_counts_by_type(
        platform, date(2024, 7, 1), date(2024, 8, 11)
    )
    assert by_type == {"Battles": {date(2024, 7, 29): 1, date(2024, 8, 5): 8}}
    assert (
        event_services.weekly_event_counts(
            platform, date(2024, 7, 1), date(2024, 8, 11), event_type="Protests"
        )
        == {}
    )

    in_one = event_services.weekly_event_counts(
        platform, date(2024, 7, 1), date(2024, 8, 11), country="BD", admin1="Division 3"
    )
    assert in_one == {date(2024, 8, 5): 1}
    trend = event_services.event_trend(platform, date(2024, 8, 7), weeks=5, country="BD")
    assert trend.against_month is not None
    assert trend.against_month.current == 8
    assert trend.against_month.level is ChangeLevel.LARGE_INCREASE
    with pytest.raises(EventQueryError, match="before it starts"):
        event_services.weekly_event_counts(platform, date(2024, 8, 1), date(2024, 7, 1))
