"""Dates against a publication time, fatalities, actors and places of events."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from worldbrief.domain.events import ActorRole, ActorType, DatePrecision
from worldbrief.domain.geo import PlaceMention
from worldbrief.events.dates import find_date
from worldbrief.events.extract import EventExtractor
from worldbrief.events.fatalities import read_fatalities

TUESDAY = datetime(2024, 8, 6, 9, 30, tzinfo=UTC)  # Tuesday 6 August 2024


@pytest.mark.parametrize(
    ("words", "day", "precision"),
    [
        ("Clashes broke out on Sunday.", date(2024, 8, 4), DatePrecision.DAY),
        ("Protesters gathered on Tuesday.", date(2024, 8, 6), DatePrecision.DAY),
        ("Fighting flared over the weekend.", date(2024, 7, 29), DatePrecision.WEEK),
        ("Troops were deployed last week.", date(2024, 7, 29), DatePrecision.WEEK),
        ("The town fell in May.", date(2024, 5, 1), DatePrecision.MONTH),
        ("The talks began in December.", date(2023, 12, 1), DatePrecision.MONTH),
        ("It was attacked earlier this year.", date(2024, 1, 1), DatePrecision.YEAR),
        ("The dam burst in August 2010.", date(2010, 8, 1), DatePrecision.MONTH),
        ("He was abducted two days ago.", date(2024, 8, 4), DatePrecision.DAY),
        ("Shells fell overnight.", date(2024, 8, 5), DatePrecision.DAY),
        ("On 17 July 2024, students rallied.", date(2024, 7, 17), DatePrecision.DAY),
        ("On July 30, police fired tear gas.", date(2024, 7, 30), DatePrecision.DAY),
    ],
)
def test_dates_are_read_against_the_publication_time(
    words: str, day: date, precision: DatePrecision
) -> None:
    found = find_date([words], TUESDAY)
    assert found is not None
    assert (found.date, found.precision) == (day, precision)
    assert found.date <= TUESDAY.date()


def test_a_date_is_never_after_publication() -> None:
    found = find_date(["The ceasefire was agreed on 30 August 2024."], TUESDAY)
    assert found is None or found.date <= TUESDAY.date()


def test_without_a_date_the_event_is_in_the_week_of_publication() -> None:
    found = find_date(["Rebels attacked the base."], TUESDAY)
    assert found is not None and found.text is None
    assert (found.date, found.precision) == (date(2024, 8, 5), DatePrecision.WEEK)


def test_without_a_publication_time_only_dates_with_a_year_are_read() -> None:
    assert find_date(["Clashes broke out on Sunday."], None) is None
    found = find_date(["The dam burst in August 2010."], None)
    assert found is not None and found.date == date(2010, 8, 1)


@pytest.mark.parametrize(
    ("words", "count", "approximate"),
    [
        ("At least 12 people were killed in the attack.", 12, False),
        ("The blast killed six soldiers.", 6, False),
        ("The strike left 30 dead.", 30, False),
        ("Dozens dead after the ferry capsized.", 24, True),
        ("The death toll rose to 41.", 41, False),
        ("About 200 protesters were killed.", 200, True),
    ],
)
def test_fatalities(words: str, count: int, approximate: bool) -> None:
    found = read_fatalities([words])
    assert found is not None
    assert (found.count, found.approximate) == (count, approximate)


def test_no_fatalities_when_none_are_said() -> None:
    assert read_fatalities(["Fifteen people were injured in 2023."]) is None


def test_actors_have_roles_and_types() -> None:
    text = "Police fired tear gas at students who were marching to the parliament."
    event = EventExtractor().extract(text, TUESDAY)[0]
    by_name = {a.name: a for a in event.actors}
    assert by_name["students"].role == ActorRole.ACTOR1
    assert by_name["students"].type == ActorType.PROTESTERS
    assert by_name["Police"].role == ActorRole.ACTOR2
    assert by_name["Police"].type == ActorType.STATE_FORCES


def test_who_acted_comes_first_and_the_passive_agent_acts() -> None:
    text = "Three villagers were shot dead by gunmen on the road to the market."
    event = EventExtractor().extract(text, TUESDAY)[0]
    roles = {a.name: a.role for a in event.actors}
    assert roles["gunmen"] == ActorRole.ACTOR1
    assert roles["villagers"] == ActorRole.ACTOR2
    assert event.fatalities == 3


def _place(text: str, name: str, feature: str, admin1: str) -> PlaceMention:
    start = text.index(name)
    return PlaceMention(start, start + len(name), name, name, 1, 23.0, 90.0, "BD", admin1, feature)


def test_the_place_is_the_most_specific_one_of_the_event_sentence() -> None:
    text = (
        "Dhaka Division saw unrest all week. On 5 August 2024, a mob vandalised a temple in "
        "Taraganj town (Rangpur)."
    )
    places = [
        _place(text, "Dhaka Division", "A.ADM1", "Dhaka"),
        _place(text, "Taraganj", "P.PPL", "Rangpur"),
        _place(text, "Rangpur", "A.ADM1", "Rangpur"),
    ]
    event = EventExtractor().extract(text, TUESDAY, places)[0]
    assert event.place is not None and event.place.text == "Taraganj"
    assert (event.date, event.date_precision) == (date(2024, 8, 5), DatePrecision.DAY)
