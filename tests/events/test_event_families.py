"""Each event family found and classified in sentences of our own writing."""

from __future__ import annotations

import pytest

from worldbrief.events.extract import EventExtractor

CASES = [
    ("Soldiers and rebels fought for hours near the bridge outside the town.", "Battles"),
    ("A roadside bomb tore through an army truck on the coast road.", "Explosions/Remote violence"),
    ("Warplanes bombed the market of the hill town at noon.", "Explosions/Remote violence"),
    ("Gunmen kidnapped four engineers from their camp near the dam.", "Violence against civilians"),
    ("Hundreds of nurses marched to the health ministry to demand their wages.", "Protests"),
    ("Rioters torched two buses and hurled stones at the police.", "Riots"),
    ("Police arrested the mayor of the port city on bribery charges.", "Strategic developments"),
    (
        "The two militias signed a ceasefire agreement after talks in the capital.",
        "Strategic developments",
    ),
    ("A powerful earthquake flattened houses across the valley.", "Disasters"),
    ("Customs officers seized a tonne of cocaine hidden in banana crates.", "Crime"),
    ("The foreign minister met her counterpart to discuss the border dispute.", "Diplomacy"),
    ("The armed group claimed responsibility for the attack on the convoy.", "Claims"),
]


@pytest.fixture(scope="module")
def extractor() -> EventExtractor:
    return EventExtractor()


@pytest.mark.parametrize(("text", "family"), CASES)
def test_each_family_is_found(extractor: EventExtractor, text: str, family: str) -> None:
    events = extractor.extract(text)
    assert events, text
    assert events[0].type == family
    assert 0 < events[0].confidence <= 1
    assert events[0].evidence[0].start == 0 and events[0].evidence[0].end == len(text)


def test_subtypes_are_told_apart(extractor: EventExtractor) -> None:
    subtype = {
        "A suicide bomber blew himself up at the gate of the stadium.": "Suicide bomb",
        "Police fired tear gas to break up a march of teachers.": "Protest with intervention",
        "The army recaptured the airport from the insurgents.": "Government regains territory",
        "A man threw a grenade into the crowded cafe.": "Grenade",
    }
    for text, expected in subtype.items():
        assert extractor.extract(text)[0].subtype == expected, text


def test_a_text_without_an_event_gives_none(extractor: EventExtractor) -> None:
    text = (
        "The central bank left its main rate unchanged. Wheat harvests are expected to be "
        "good this year, and the festival drew many visitors to the old town."
    )
    assert extractor.extract(text) == ()
    assert extractor.extract("") == ()


def test_the_same_event_told_twice_is_one_and_the_main_event_comes_first(
    extractor: EventExtractor,
) -> None:
    text = (
        "Rebels and government troops clashed near the northern border on Sunday. "
        "The clashes went on into the night, residents said. "
        "Separately, the foreign minister visited the capital of a neighbouring country."
    )
    events = extractor.extract(text)
    assert [e.subtype for e in events][:2] == ["Armed clash", "Diplomatic event"]
    assert len(events[0].evidence) == 2


def test_a_count_of_victims_after_an_event_belongs_to_it(extractor: EventExtractor) -> None:
    text = (
        "Police fired tear gas at students protesting outside the university. "
        "At least 3 people were killed, a hospital said."
    )
    (event,) = extractor.extract(text)
    assert event.type == "Protests" and event.fatalities == 3
    assert len(event.evidence) == 2


def test_a_protest_broken_up_in_the_next_sentence_is_a_protest_with_intervention(
    extractor: EventExtractor,
) -> None:
    text = (
        "Hundreds of garment workers staged a rally in the industrial town demanding unpaid "
        "wages. Police dispersed the workers and detained four of them."
    )
    events = extractor.extract(text)
    assert [e.subtype for e in events] == ["Protest with intervention"]


def test_who_acts_decides_between_kinds(extractor: EventExtractor) -> None:
    kinds = {
        "Insurgents recaptured the coastal town a day after the army had taken it.": (
            "Non-state actor overtakes territory"
        ),
        "Government troops captured two rebel camps in the hills.": "Government regains territory",
        "Gunmen attacked an army patrol south of the capital, wounding four soldiers.": (
            "Armed clash"
        ),
        "Gunmen attacked a wedding party, killing six guests.": "Attack",
        "Two soldiers were hurt when a grenade exploded during clashes with militants.": "Grenade",
    }
    for text, expected in kinds.items():
        assert extractor.extract(text)[0].subtype == expected, text
