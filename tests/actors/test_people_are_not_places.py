"""The entities stage beside the geoparser: a person's name is no place ("Paris Hilton" is not
France), a place is no person ("Abu Dhabi"), an organisation's name keeps its place ("Toronto
Police"), and a headline's capitals name nothing the body does not."""

from __future__ import annotations

from worldbrief.domain import RawDocument
from worldbrief.enrich.entities import EntityStage
from worldbrief.services.annotate import (
    Annotation,
    annotate_document,
    document_from_fields,
    load_geoparser,
)
from worldbrief.services.article_builder import build_article


def _annotate(text: str) -> Annotation:
    return annotate_document(load_geoparser(), document_from_fields("d", text))


def test_a_person_named_for_a_city_leaves_no_country_or_region_behind() -> None:
    found = _annotate("Paris Hilton arrived in Dhaka on Monday to open a hotel.")
    assert [p["text"] for p in found["places"]] == ["Dhaka"]
    assert [(c["code"], c["focus"], c["primary"]) for c in found["countries"]] == [
        ("BD", True, True)
    ]
    assert "europe" not in [r["id"] for r in found["regions"]]
    assert [(e["name"], e["type"]) for e in found["entities"]] == [("Paris Hilton", "person")]


def test_the_city_itself_still_counts_beside_the_person() -> None:
    text = "Paris Hilton met reporters in Paris on Tuesday."
    [france] = _annotate(text)["countries"]
    at = text.rindex("Paris")
    assert (france["code"], france["primary"]) == ("FR", True)
    assert france["evidence"] == [[at, at + len("Paris")]]


def test_an_organisation_still_speaks_for_its_country() -> None:
    found = _annotate("The Bangladesh Police said the march ended peacefully.")
    assert "BD" in [c["code"] for c in found["countries"]]


def test_a_place_named_in_full_is_no_person_though_it_begins_with_a_given_name() -> None:
    found = _annotate("Dubai's trade held up; Abu Dhabi will keep expanding oil output.")
    assert found["entities"] == []
    assert [(p["text"], p["country"]) for p in found["places"]] == [
        ("Dubai", "AE"),
        ("Abu Dhabi", "AE"),
    ]
    assert [c["code"] for c in found["countries"]] == ["AE"]


def test_a_place_in_an_organisations_name_stays_a_place() -> None:
    text = "The Toronto Police arrested two men after the march."
    found = _annotate(text)
    assert [(p["text"], p["country"]) for p in found["places"]] == [("Toronto", "CA")]
    assert [c["code"] for c in found["countries"]] == ["CA"]


def test_a_headlines_capitals_name_nothing_the_body_does_not() -> None:
    stage = EntityStage()
    body = "The Taliban said the Frozen Front held. Officials of the Coast Guard met on Monday."
    headline = build_article(
        RawDocument("x", "Coast Guard Standoffs Multiply at the Taliban's Door", body)
    )
    found = {e.name for e in stage(headline).enrichment.entities}
    assert {"Taliban", "Coast Guard", "Frozen Front"} <= found  # each named in the body too
    only_title = build_article(
        RawDocument("y", "The Cost of a Frozen Front Grows", "Officials met on Monday.")
    )
    assert stage(only_title).enrichment.entities == ()
    sentence_case = build_article(
        RawDocument("z", "Talks on the Frozen Front stall again", "Officials met on Monday.")
    )
    assert [e.name for e in stage(sentence_case).enrichment.entities] == ["Frozen Front"]
