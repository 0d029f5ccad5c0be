"""Entities in literal texts of our own: curated names and acronyms, acronyms a text defines,
organisations and people the list does not know, case rules and stable ids."""

from __future__ import annotations

import pytest

from worldbrief.actors.catalog import ActorCatalog, curated_actor
from worldbrief.actors.recognize import EntityRecognizer, default_recognizer
from worldbrief.domain import EntityType, NamedEntity
from worldbrief.domain.events import ActorType


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return default_recognizer()


def by_id(
    text: str, recognizer: EntityRecognizer, countries: set[str] | None = None
) -> dict[str, NamedEntity]:
    return {e.id: e for e in recognizer.recognize(text, countries or set())}


def mentioned(text: str, entity: NamedEntity) -> list[str]:
    return [text[s.start : s.end] for s in entity.mentions]


def test_curated_names_and_acronyms_resolve_to_their_entries(recognizer: EntityRecognizer) -> None:
    text = (
        "Members of the Rapid Action Battalion detained two men in Dhaka, and Bangladesh "
        "Police said the Awami League and Jamaat-e-Islami had called rallies. Al-Shabaab "
        "fighters attacked a base in Somalia; the Houthis fired drones at a ship."
    )
    found = by_id(text, recognizer)
    assert {
        "bd-rab",
        "bd-police",
        "bd-awami-league",
        "bd-jamaat",
        "so-al-shabaab",
        "ye-houthis",
    } <= set(found)
    assert found["bd-police"].type is EntityType.STATE_FORCES
    assert found["bd-police"].countries == ("BD",)
    assert found["bd-awami-league"].type is EntityType.PARTY
    assert found["ye-houthis"].name == "Ansar Allah"
    assert mentioned(text, found["so-al-shabaab"]) == ["Al-Shabaab"]


def test_an_acronym_matches_only_in_capitals(recognizer: EntityRecognizer) -> None:
    assert "uz-imu" in by_id("The IMU claimed the raid near Termez.", recognizer)
    assert "uz-imu" not in by_id("An imu is a sensor; Imu was the name of the dog.", recognizer)


def test_a_long_name_matches_in_any_case_but_all_lower_case(recognizer: EntityRecognizer) -> None:
    assert "lb-hezbollah" in by_id("HEZBOLLAH FIRES ROCKETS", recognizer)
    assert "is" in by_id("The Islamic State claimed it.", recognizer)
    assert "is" not in by_id("They dreamt of an islamic state.", recognizer)


def test_an_acronym_defined_in_the_text_is_the_long_form_later(
    recognizer: EntityRecognizer,
) -> None:
    text = (
        "The Islamic Movement of Uzbekistan (IMU) claimed the attack. Analysts said the IMU "
        "had regrouped in the north."
    )
    (imu,) = recognizer.recognize(text)
    assert imu.id == "uz-imu" and imu.name == "Islamic Movement of Uzbekistan"
    assert imu.aliases == ("IMU",) and imu.countries == ("UZ", "AF", "PK")
    assert imu.type is EntityType.ARMED_GROUP
    assert mentioned(text, imu) == ["Islamic Movement of Uzbekistan", "IMU", "IMU"]


def test_an_unknown_organisation_is_learned_from_its_acronym(recognizer: EntityRecognizer) -> None:
    text = (
        "Fighters of the Wadi Halfa Liberation Front (WHLF) blocked the road. A WHLF "
        "spokesman said the blockade would last."
    )
    found = by_id(text, recognizer)
    whlf = found["wadi-halfa-liberation-front"]
    assert whlf.name == "Wadi Halfa Liberation Front" and whlf.aliases == ("WHLF",)
    assert whlf.type is EntityType.ARMED_GROUP
    assert mentioned(text, whlf) == ["Wadi Halfa Liberation Front", "WHLF", "WHLF"]


def test_organisations_the_list_does_not_know_by_their_head_word(
    recognizer: EntityRecognizer,
) -> None:
    text = (
        "The Kivu Hills Liberation Front ambushed a convoy. The Ministry of Water Resources "
        "said nothing. The Ghana Armed Forces and the Tano River "
        "Brigade deployed; the Harmony Party won."
    )
    found = {e.name: e for e in recognizer.recognize(text)}
    assert found["Kivu Hills Liberation Front"].type is EntityType.ARMED_GROUP
    assert found["Ministry of Water Resources"].type is EntityType.ORGANIZATION
    ghana = found["Ghana Armed Forces"]
    assert ghana.type is EntityType.STATE_FORCES and ghana.countries == ("GH",)
    assert found["Tano River Brigade"].type is EntityType.ARMED_GROUP
    assert found["Harmony Party"].type is EntityType.PARTY


def test_people_by_title_given_name_and_surname(recognizer: EntityRecognizer) -> None:
    text = (
        "Prime Minister Sheikh Hasina met Gen. Waker-Uz-Zaman and Mr Rahman. Hasina said the "
        "talks went well, and Paris Hilton and Jordan Peterson were not there."
    )
    people = {e.name: e for e in recognizer.recognize(text) if e.type is EntityType.PERSON}
    assert set(people) == {
        "Sheikh Hasina", "Waker-Uz-Zaman", "Rahman", "Paris Hilton", "Jordan Peterson"
    }  # fmt: skip
    assert mentioned(text, people["Sheikh Hasina"]) == ["Sheikh Hasina", "Hasina"]
    assert people["Paris Hilton"].id == "paris-hilton"


def test_places_after_a_given_name_are_not_people(recognizer: EntityRecognizer) -> None:
    found = recognizer.recognize("Tourists flocked to Victoria Falls and the Jordan Valley.")
    assert [e for e in found if e.type is EntityType.PERSON] == []


def test_an_ambiguous_alias_needs_context(recognizer: EntityRecognizer) -> None:
    text = "The RSF said on Tuesday that the situation was calm."
    assert by_id(text, recognizer) == {}
    assert "sd-rsf" in by_id(text, recognizer, {"SD"})
    beside_long_form = by_id(
        "The Rapid Support Forces advanced. The RSF took the town.", recognizer
    )
    assert mentioned(
        "The Rapid Support Forces advanced. The RSF took the town.", beside_long_form["sd-rsf"]
    ) == ["Rapid Support Forces", "RSF"]


def test_the_text_decides_what_an_acronym_stands_for(recognizer: EntityRecognizer) -> None:
    text = "Reporters Without Borders (RSF) condemned the arrest in Sudan. RSF asked for release."
    found = by_id(text, recognizer, {"SD"})
    assert "sd-rsf" not in found
    assert mentioned(text, found["rsf-press"]) == ["Reporters Without Borders", "RSF", "RSF"]


def test_ids_are_stable_across_texts(recognizer: EntityRecognizer) -> None:
    first = by_id(
        "Boko Haram attacked Maiduguri. The Zamfara Peace Front (ZPF) condemned it.", recognizer
    )
    second = by_id(
        "A ZPF leader spoke. The Zamfara Peace Front and Boko Haram clashed.", recognizer
    )
    assert "ng-boko-haram" in first and "ng-boko-haram" in second
    assert "zamfara-peace-front" in first and "zamfara-peace-front" in second


def test_the_curated_list_is_a_few_hundred_well_formed_entries() -> None:
    actors = ActorCatalog.load_default().actors
    assert len(actors) >= 300
    assert len({a.id for a in actors}) == len(actors)
    for actor in actors:
        assert all(len(c) == 2 and c.isupper() for c in actor.countries), actor.id
    rab = curated_actor("bd-rab")
    assert rab is not None and rab.actor_type is ActorType.STATE_FORCES


def test_a_place_the_geoparser_found_is_no_person_unless_titled(
    recognizer: EntityRecognizer,
) -> None:
    def people(text: str, places: list[tuple[int, int]]) -> list[str]:
        found = recognizer.recognize(text, places=places)
        return [e.name for e in found if e.type is EntityType.PERSON]

    text = "Abu Dhabi said on Monday that it met Abu Bakar Salleh."
    assert people(text, []) == ["Abu Dhabi", "Abu Bakar Salleh"]  # a given name, then a word
    assert people(text, [(0, len("Abu Dhabi"))]) == ["Abu Bakar Salleh"]
    # A title says it is a person, whatever the geoparser read.
    assert people("Mr Abu Dhabi spoke.", [(3, 12)]) == ["Abu Dhabi"]


def test_an_acronym_for_a_place_is_no_actor(recognizer: EntityRecognizer) -> None:
    text = "The United Arab Emirates (UAE) and the Islamic Movement of Uzbekistan (IMU) met."
    assert [e.id for e in recognizer.recognize(text)] == ["uz-imu"]  # a country's name, any form
    region = "The Middle East and Africa (MEA) market grew; MEA firms hired."
    middle_east, africa = (4, 15), (20, 26)  # the places a geoparser finds there
    assert recognizer.recognize(region, places=[middle_east, africa]) == ()
    assert [e.name for e in recognizer.recognize(region)] == ["Middle East and Africa"]


@pytest.mark.parametrize(
    "text",
    [
        "He was his chief White House strategist.",  # a building after a lower-case title
        "The president was joined in the Rose Garden by his nephews.",
        "The press office at the President's Office reported it.",  # the title's, no name
        "Miguel said the General Manager would decide.",
        "It was unveiled by Ambassador Extraordinary and Plenipotentiary of Armenia.",
        "He is expected to face a judge Friday in court.",
        "All the major European countries agreed.",  # "major" as an adjective
        "Under Harry S. Truman the plan began.",  # no name ends with a bare initial
    ],
)
def test_words_that_are_no_persons_name(recognizer: EntityRecognizer, text: str) -> None:
    assert [e.name for e in recognizer.recognize(text) if e.type is EntityType.PERSON] == []


def test_a_name_stops_before_a_day_or_a_role(recognizer: EntityRecognizer) -> None:
    text = "General Qamar Javed Bajwa Thursday met Adrian Walker Executive Director of the fund."
    people = [e.name for e in recognizer.recognize(text) if e.type is EntityType.PERSON]
    assert people == ["Qamar Javed Bajwa", "Adrian Walker"]


def test_a_name_takes_no_date_but_its_wrapped_words(recognizer: EntityRecognizer) -> None:
    text = "The Transportation Department on Wednesday fined the Water\nCorporation."
    names = [e.name for e in recognizer.recognize(text)]
    assert names == ["Transportation Department", "Water Corporation"]  # shown on one line
    assert [e.name for e in recognizer.recognize("The Commission on the Arts met.")] == [
        "Commission on the Arts"
    ]


def test_a_run_that_names_a_thing_is_no_person(recognizer: EntityRecognizer) -> None:
    text = (
        "General Motors Acceptance Corp and Charles Schwab Corp said the Ronald Wilson Reagan "
        "Middle School would close. President Reagan's Republican Party won."
    )
    people = [e.name for e in recognizer.recognize(text) if e.type is EntityType.PERSON]
    assert people == ["Reagan"]  # the name before a possessive is a person's


def test_a_name_wrapped_over_two_lines_is_one_name(recognizer: EntityRecognizer) -> None:
    text = "Prime\nMinister Yasuhiro Nakasone met the International\nMonetary Fund."
    found = {e.name: e for e in recognizer.recognize(text)}
    assert set(found) == {"Yasuhiro Nakasone", "International Monetary Fund"}
    assert mentioned(text, found["International Monetary Fund"]) == ["International\nMonetary Fund"]
