"""The standard geoparser on literal texts: recognition, resolution, focus, gold-span mode."""

from __future__ import annotations

import pytest

from worldbrief.domain import PlaceMention, Span
from worldbrief.geo.geoparse import StandardGeoparser, default_geoparser
from worldbrief.geo.geoparser import Geoparser, GeoparseRequest


@pytest.fixture(scope="module")
def parser() -> StandardGeoparser:
    return default_geoparser()


def places(parser: Geoparser, text: str) -> dict[str, PlaceMention]:
    found = parser.geoparse(GeoparseRequest(text)).places
    return {p.text: p for p in found if p is not None}


def test_default_geoparser_is_loaded_once(parser: StandardGeoparser) -> None:
    assert default_geoparser() is parser


def test_cities_regions_and_valleys_of_central_asia(parser: StandardGeoparser) -> None:
    text = (
        "Protests spread from Aktau in the Mangystau region to Osh, and water talks in the "
        "Fergana Valley and the Rasht Valley stalled, Uzbek and Kazakh officials said."
    )
    found = places(parser, text)
    assert (found["Aktau"].country, found["Aktau"].feature[:1]) == ("KZ", "P")
    assert found["Aktau"].admin1 == "Mangghystaū"
    assert found["Mangystau"].feature == "A.ADM1" and found["Mangystau"].country == "KZ"
    assert (found["Osh"].country, found["Osh"].feature[:1]) == ("KG", "P")
    assert found["Fergana Valley"].feature == "T.VAL"
    assert found["Rasht Valley"].country == "TJ"
    assert found["Uzbek"].feature == "A.PCLI" and found["Uzbek"].country == "UZ"
    assert found["Kazakh"].country == "KZ"
    for mention in found.values():
        assert text[mention.start : mention.end] == mention.text


def test_offsets_coordinates_and_ids_are_reported(parser: StandardGeoparser) -> None:
    aktau = places(parser, "Ships left Aktau at dawn.")["Aktau"]
    assert (aktau.start, aktau.end) == (11, 16)
    assert aktau.geonameid is not None and aktau.name == "Aktau"
    assert 43 < aktau.lat < 44.5 and 50.5 < aktau.lon < 52


def test_abbreviations_and_historical_names(parser: StandardGeoparser) -> None:
    found = places(parser, "U.S. and UK envoys flew from Alma-Ata to Rangoon, in Burma.")
    assert found["U.S."].country == "US" and found["UK"].country == "GB"
    assert found["Alma-Ata"].name == "Almaty"
    assert found["Rangoon"].name == "Yangon"
    assert found["Burma"].country == "MM"


@pytest.mark.parametrize(
    ("text", "not_a_place"),
    [
        ("The vote is due in May, officials in Kyiv said.", "May"),
        ("Mr. Paris told reporters in Kyiv that talks would resume.", "Paris"),
        ("Lincoln Chafee arrived in Kyiv on Monday.", "Lincoln"),
        ("Officials in Kyiv thanked Ms. Allen. Allen said the aid would continue.", "Allen"),
        ("President Lincoln spoke to troops in Kyiv.", "Lincoln"),
        ("Police said the Mobile phone network in Kyiv failed. A mobile mast fell.", "Mobile"),
    ],
)
def test_months_people_and_common_words_are_not_places(
    parser: StandardGeoparser, text: str, not_a_place: str
) -> None:
    found = places(parser, text)
    assert not_a_place not in found
    assert found["Kyiv"].country == "UA"


def test_georgia_follows_the_context(parser: StandardGeoparser) -> None:
    american = places(parser, "Storms hit Atlanta, Georgia, and Savannah on Tuesday.")
    assert american["Georgia"].country == "US" and american["Georgia"].feature == "A.ADM1"
    caucasian = places(parser, "Georgia and Armenia met in Tbilisi to discuss the border.")
    assert caucasian["Georgia"].country == "GE" and caucasian["Georgia"].feature == "A.PCLI"


def test_a_qualifier_picks_the_small_namesake(parser: StandardGeoparser) -> None:
    found = places(parser, "The festival in Paris, Texas, drew record crowds.")
    assert found["Paris"].country == "US" and found["Paris"].admin1 == "Texas"


def test_the_dateline_steers_ambiguous_names(parser: StandardGeoparser) -> None:
    text = "LONDON, Ontario, March 3 (Reuters) - Victoria Park filled as London residents rallied."
    result = parser.geoparse(GeoparseRequest(text))
    assert any(c.code == "CA" and c.focus for c in result.countries)


def test_focus_countries_and_regions(parser: StandardGeoparser) -> None:
    text = (
        "Kyrgyzstan and Tajikistan closed the crossing near Batken again this week. "
        "Officials in Moscow urged calm."
    )
    result = parser.geoparse(GeoparseRequest(text, title="Kyrgyz-Tajik border closed"))
    focus = {c.code for c in result.countries if c.focus}
    assert focus == {"KG", "TJ"}
    assert "RU" in {c.code for c in result.countries} - focus
    assert "central-asia" in {r.id for r in result.regions}
    kyrgyzstan = next(c for c in result.countries if c.code == "KG")
    assert [text[s.start : s.end] for s in kyrgyzstan.evidence][:2] == ["Kyrgyzstan", "Batken"]


def test_gold_spans_get_one_answer_each_in_order(parser: StandardGeoparser) -> None:
    text = "Crowds gathered on Royal Street in New Orleans, Louisiana, and in Osh."
    spans = tuple(
        Span(text.index(name), text.index(name) + len(name))
        for name in ("Royal Street", "Osh", "New Orleans", "Louisiana")
    )
    result = parser.geoparse(GeoparseRequest(text, spans=spans))
    assert len(result.places) == 4
    royal, osh, new_orleans, louisiana = result.places
    assert new_orleans is not None and new_orleans.name == "New Orleans"
    assert louisiana is not None and louisiana.feature == "A.ADM1"
    assert osh is not None and osh.country == "KG"
    # A street the gazetteer lacks stands in for by the text's home town.
    assert royal is not None and (royal.start, royal.end, royal.text) == (19, 31, "Royal Street")
    assert royal.name == "New Orleans"


def test_gold_span_outside_the_text_is_refused(parser: StandardGeoparser) -> None:
    with pytest.raises(ValueError, match=r"span \[5, 50\)"):
        parser.geoparse(GeoparseRequest("Osh is calm.", spans=(Span(5, 50),)))


def test_a_title_given_apart_is_context_only(parser: StandardGeoparser) -> None:
    result = parser.geoparse(GeoparseRequest("Officials met on Monday.", title="Kazakhstan talks"))
    assert result.places == ()
    assert [c.code for c in result.countries if c.focus] == ["KZ"]
    assert all(not c.evidence for c in result.countries)


def test_empty_text(parser: StandardGeoparser) -> None:
    result = parser.geoparse(GeoparseRequest(""))
    assert (result.places, result.countries, result.regions) == ((), (), ())


def test_a_county_the_gazetteer_lacks_stands_in_by_its_home(parser: StandardGeoparser) -> None:
    text = (
        "A hunter was hurt near Edmonton, Kentucky, on Saturday. Metcalfe County deputies and "
        "Kentucky Fish and Wildlife officers from Glasgow, Kentucky, responded."
    )
    found = places(parser, text)
    county = found["Metcalfe County"]
    assert county.country == "US" and county.admin1 == "Kentucky"
    assert found["Edmonton"].admin1 == "Kentucky" and found["Glasgow"].admin1 == "Kentucky"


def test_acronyms_are_not_places_but_the_eu_is(parser: StandardGeoparser) -> None:
    found = places(parser, "NATO and the EU met in Brussels; the OAS sent observers.")
    assert "NATO" not in found and "OAS" not in found
    assert found["EU"].feature == "L.CONT" and found["Brussels"].country == "BE"


def test_ambiguous_names_pull_each_other_home(parser: StandardGeoparser) -> None:
    found = places(parser, "Ontario police closed the road between St. Thomas and London.")
    assert found["London"].country == "CA" and found["London"].admin1 == "Ontario"


def test_a_name_shown_to_be_a_persons_is_a_person_throughout(parser: StandardGeoparser) -> None:
    text = (
        "Nine-year-old Georgia Stevens skates in Red Deer, Alberta. "
        "Georgia began skating at the age of four in Australia."
    )
    found = places(parser, text)
    assert "Georgia" not in found
    assert found["Red Deer"].admin1 == "Alberta" and found["Australia"].country == "AU"
