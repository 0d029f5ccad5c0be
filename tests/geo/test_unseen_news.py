"""The geoparser on kinds of news it was not tuned on: local US papers, the African Great Lakes,
Central Asian dispatches. Each text is written for these tests; each class of error has its own
group, checked both on raw text and, where it matters, with the place names given as spans."""

from __future__ import annotations

import re

import pytest

from worldbrief.domain import CountryMention, PlaceMention, Span
from worldbrief.geo.geoparse import StandardGeoparser, default_geoparser
from worldbrief.geo.geoparser import GeoparseRequest, GeoparseResult


@pytest.fixture(scope="module")
def parser() -> StandardGeoparser:
    return default_geoparser()


def parse(parser: StandardGeoparser, text: str, title: str | None = None) -> GeoparseResult:
    if title:
        return parser.geoparse(GeoparseRequest(f"{title}\n\n{text}", body_start=len(title) + 2))
    return parser.geoparse(GeoparseRequest(text))


def found(result: GeoparseResult) -> dict[str, list[PlaceMention]]:
    by_text: dict[str, list[PlaceMention]] = {}
    for place in result.places:
        if place is not None:
            by_text.setdefault(place.text, []).append(place)
    return by_text


def spans_of(text: str, names: list[str]) -> tuple[Span, ...]:
    """Every whole-word occurrence of each name, in text order (the way annotators mark them)."""
    spans = [
        Span(m.start(), m.end())
        for name in names
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)
    ]
    return tuple(sorted(spans, key=lambda s: s.start))


def resolve_spans(
    parser: StandardGeoparser, text: str, names: list[str]
) -> dict[str, list[PlaceMention]]:
    spans = spans_of(text, names)
    result = parser.geoparse(GeoparseRequest(text, spans=spans))
    by_text: dict[str, list[PlaceMention]] = {}
    for span, place in zip(spans, result.places, strict=True):
        assert place is not None, f"{text[span.start : span.end]!r} unresolved"
        by_text.setdefault(text[span.start : span.end], []).append(place)
    return by_text


def focus(result: GeoparseResult) -> list[str]:
    return [c.code for c in result.countries if c.focus]


def primary(result: GeoparseResult) -> list[CountryMention]:
    return [c for c in result.countries if c.primary]


# ------------------------------------------------------------------ lists and possessives


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Fighting near Goma and Bukavu displaced thousands, aid agencies said.",
            {"Goma": "CD", "Bukavu": "CD"},
        ),
        (
            "Protests were reported in Aktau, Almaty and Taraz on Saturday.",
            {"Aktau": "KZ", "Almaty": "KZ", "Taraz": "KZ"},
        ),
        (
            "Deputies from Shakopee and Prior Lake searched the river, the sheriff said.",
            {"Shakopee": "US", "Prior Lake": "US"},
        ),
        (
            "The governor said Washington's budget would cut school funding in Spokane and Tacoma.",
            {"Spokane": "US", "Tacoma": "US"},
        ),
        (
            "Residents of Taraz said the taps ran dry; crews from Shymkent or Almaty were sent.",
            {"Taraz": "KZ", "Shymkent": "KZ", "Almaty": "KZ"},
        ),
        (
            "Buses from Kigali and Butare reached the border at Rusizi before dawn.",
            {"Kigali": "RW", "Butare": "RW", "Rusizi": "RW"},
        ),
    ],
)
def test_every_place_of_a_list_is_found(
    parser: StandardGeoparser, text: str, expected: dict[str, str]
) -> None:
    places = found(parse(parser, text))
    assert {name: places[name][0].country for name in expected if name in places} == expected


def test_a_name_before_a_possessive_is_a_place_and_the_text_stays_one_sense(
    parser: StandardGeoparser,
) -> None:
    result = parse(
        parser, "Residents of Taraz said the taps ran dry.", title="Taraz's Water Crisis Deepens"
    )
    places = found(result)
    assert [p.country for p in places["Taraz"]] == ["KZ", "KZ"]
    assert focus(result) == ["KZ"]


# ------------------------------------------------------------------ shared regions

GREAT_LAKES = (
    "Fighting in the Great Lakes region drove thousands of refugees across Lake Tanganyika, "
    "aid agencies said. Boats from Uvira reached Kigoma in Tanzania, and Burundi opened a "
    "transit camp near Rumonge."
)
CENTRAL_ASIA = (
    "Water disputes across Central Asia are worsening as Uzbekistan expands irrigation along "
    "the Amu Darya, officials in Tashkent said."
)


def test_a_region_shared_by_countries_has_no_country_of_its_own(
    parser: StandardGeoparser,
) -> None:
    result = parse(parser, GREAT_LAKES, title="Refugees Cross Great Lakes by Boat")
    places = found(result)
    assert "Lakes" not in places  # not South Sudan's Lakes state
    for name in ("Great Lakes", "Lake Tanganyika"):
        assert {p.country for p in places[name]} == {""}, name
    assert places["Kigoma"][0].country == "TZ"
    countries = {c.code for c in result.countries}
    assert "SS" not in countries
    assert {"TZ", "BI"} <= countries


def test_a_shared_region_is_no_evidence_for_one_of_its_countries(
    parser: StandardGeoparser,
) -> None:
    result = parse(parser, CENTRAL_ASIA)
    places = found(result)
    assert places["Central Asia"][0].country == ""
    assert focus(result) == ["UZ"]
    uzbekistan = next(c for c in result.countries if c.code == "UZ")
    central_asia = places["Central Asia"][0]
    assert Span(central_asia.start, central_asia.end) not in uzbekistan.evidence


def test_the_north_american_great_lakes_are_read_from_their_context(
    parser: StandardGeoparser,
) -> None:
    text = (
        "Algae blooms on the Great Lakes closed beaches from Toledo, Ohio, to Erie, "
        "Pennsylvania, and Michigan officials warned swimmers."
    )
    places = found(parse(parser, text))
    great_lakes = places["Great Lakes"][0]
    assert great_lakes.country == "" and great_lakes.lon < -70


# ------------------------------------------------------------------ places and countries agree

AGREEMENT_TEXTS = [
    "The mayor of Paris, Texas, said the town would rebuild after the tornado.",
    "PARIS, Tenn. - The Paris City Council approved a $12 million budget on Tuesday, and "
    "Henry County officials said the money would repair roads between Paris and Puryear.",
    "Floods hit Athens, Georgia, and the University of Georgia closed its campus.",
    "Residents of London, Ontario, and St. Thomas lined up for sandbags as the river rose.",
    "A Lebanon, N.H., man was arrested in Hanover after a chase on Route 120.",
]


@pytest.mark.parametrize("text", AGREEMENT_TEXTS)
def test_a_places_country_is_among_the_countries_and_never_contradicted(
    parser: StandardGeoparser, text: str
) -> None:
    result = parse(parser, text)
    listed = {c.code for c in result.countries}
    place_countries = {
        p.country for p in result.places if p is not None and p.feature[:1] in "PA" and p.country
    }
    assert place_countries <= listed
    # Every piece of evidence for a country is a mention resolved in that country.
    by_span = {Span(p.start, p.end): p.country for p in result.places if p is not None}
    for country in result.countries:
        for span in country.evidence:
            if span in by_span:
                assert by_span[span] == country.code, (text[span.start : span.end], country.code)
    assert "FR" not in listed and "GR" not in listed and "LB" not in listed
    assert focus(result) == ["US"] or focus(result) == ["CA"]


# ------------------------------------------------------------------ names as written


def test_a_place_found_by_one_of_its_names_keeps_the_name_the_text_uses(
    parser: StandardGeoparser,
) -> None:
    places = found(parse(parser, "Clashes broke out in Jalal-Abad and Osh, Kyrgyzstan said."))
    jalal_abad = places["Jalal-Abad"][0]
    assert jalal_abad.name == "Jalal-Abad"
    assert jalal_abad.country == "KG" and jalal_abad.feature.startswith("P.")


def test_a_historical_name_still_reads_as_the_current_one(parser: StandardGeoparser) -> None:
    places = found(parse(parser, "Envoys flew from Alma-Ata to Rangoon."))
    assert places["Alma-Ata"][0].name == "Almaty" and places["Rangoon"][0].name == "Yangon"


def test_a_division_word_after_a_name_means_the_division(parser: StandardGeoparser) -> None:
    places = found(parse(parser, "Clashes in Kyrgyzstan's Jalal-Abad region left two dead."))
    assert places["Jalal-Abad"][0].feature == "A.ADM1"


# ------------------------------------------------------------------ focus and its primary country

KYRGYZ_ELECTION_TITLE = "Kyrgyzstan Votes in Snap Election as Neighbours Watch"
KYRGYZ_ELECTION = (
    "BISHKEK - Voters in Kyrgyzstan went to the polls on Sunday after Kazakhstan and Uzbekistan "
    "closed their borders with the country for the day. Observers from Tajikistan and "
    "Kazakhstan said turnout in Bishkek and Osh was high. Kyrgyz officials said results would "
    "come on Monday, and the Central Election Commission in Bishkek reported no violence in "
    "Jalal-Abad or Naryn."
)


def test_the_country_of_the_title_and_most_of_the_text_leads_and_is_primary(
    parser: StandardGeoparser,
) -> None:
    result = parse(parser, KYRGYZ_ELECTION, title=KYRGYZ_ELECTION_TITLE)
    assert focus(result)[0] == "KG"
    assert [c.code for c in primary(result)] == ["KG"]
    assert result.countries[0].code == "KG"
    assert "TJ" not in focus(result)  # context, named once in the body


def test_exactly_one_focus_country_is_primary(parser: StandardGeoparser) -> None:
    text = (
        "Japan and South Korea agreed on Tuesday to share intelligence on North Korean missile "
        "launches, officials in Tokyo and Seoul said."
    )
    result = parse(parser, text)
    chosen = primary(result)
    assert len(chosen) == 1 and chosen[0].focus
    assert all(not c.primary for c in result.countries if not c.focus)


def test_no_country_no_primary(parser: StandardGeoparser) -> None:
    result = parse(parser, "The committee met on Tuesday and adjourned.")
    assert primary(result) == []


# ------------------------------------------------------------------ local US news

US_LOCAL = [
    (
        "PARIS - The Paris City Council approved a $12 million budget on Tuesday. Henry County "
        "officials said the money would repair roads between Paris and Puryear, and residents of "
        "Springville and Buchanan asked for new bridges across the Tennessee River.",
        {"Paris": ("US", "Tennessee")},
    ),
    (
        "ATHENS - Clarke County schools will stay closed Wednesday after ice coated roads across "
        "northeast Georgia. Officials in Athens and Watkinsville said crews from Winterville were "
        "salting bridges.",
        {"Athens": ("US", "Georgia"), "Georgia": ("US", "Georgia")},
    ),
    (
        "Police in Lebanon arrested two men after a burglary on Route 4. The Lebanon police chief "
        "said the suspects came from Hanover and Enfield, New Hampshire, and that officers from "
        "West Lebanon assisted.",
        {"Lebanon": ("US", "New Hampshire")},
    ),
    (
        "A Jordan man was charged with theft Friday, the Scott County sheriff said. Deputies "
        "from Shakopee and Prior Lake arrested him in Jordan after a chase along Highway 169 in "
        "Minnesota.",
        {"Jordan": ("US", "Minnesota")},
    ),
    (
        "A Macon man won $2 million in the Georgia lottery, officials said. The ticket was sold in "
        "Warner Robins, and the winner plans to buy a house in Savannah.",
        {"Georgia": ("US", "Georgia"), "Macon": ("US", "Georgia")},
    ),
    (
        "The Alexandria City Council voted to widen Duke Street. Residents of Alexandria and "
        "nearby Arlington told the council that traffic had worsened since the Beltway closed.",
        {"Alexandria": ("US", "Virginia")},
    ),
    (
        "The state Department of Ecology fined a Spokane company for dumping waste into the "
        "river. Officials in Olympia said the fine was the largest in Washington this year; "
        "firms in Seattle and Tacoma were also cited.",
        {"Washington": ("US", "Washington")},
    ),
    (
        "Wildfires spread across Oregon this week. Officials in Salem said crews from Bend and "
        "Eugene were fighting the blaze near Medford.",
        {"Oregon": ("US", "Oregon")},
    ),
    (
        "Farmers from Athens and Decatur met in Huntsville on Monday to discuss the drought. "
        "Limestone County commissioners said wells near the Tennessee River were running dry.",
        {"Athens": ("US", "Alabama")},
    ),
]


# Every place name of the texts above, as an annotator would mark them.
US_LOCAL_NAMES = """Paris|Athens|Lebanon|Jordan|Georgia|Alexandria|Washington|Oregon|Henry County|
Puryear|Springville|Buchanan|Tennessee River|Clarke County|Watkinsville|Winterville|Hanover|
Enfield|New Hampshire|West Lebanon|Scott County|Shakopee|Prior Lake|Minnesota|Macon|
Warner Robins|Savannah|Duke Street|Arlington|Spokane|Olympia|Seattle|Tacoma|Salem|Bend|Eugene|
Medford|Decatur|Huntsville|Limestone County""".replace("\n", "").split("|")


@pytest.mark.parametrize(("text", "expected"), US_LOCAL)
def test_local_us_news_keeps_its_towns_and_states_at_home(
    parser: StandardGeoparser, text: str, expected: dict[str, tuple[str, str]]
) -> None:
    places = found(parse(parser, text))
    for name, (country, admin1) in expected.items():
        assert name in places, name
        assert {(p.country, p.admin1) for p in places[name]} == {(country, admin1)}, name


@pytest.mark.parametrize(("text", "expected"), US_LOCAL)
def test_local_us_news_with_the_names_given_as_spans(
    parser: StandardGeoparser, text: str, expected: dict[str, tuple[str, str]]
) -> None:
    places = resolve_spans(parser, text, US_LOCAL_NAMES)
    for name, (country, admin1) in expected.items():
        assert {(p.country, p.admin1) for p in places[name]} == {(country, admin1)}, name


def test_local_news_focus_is_the_united_states(parser: StandardGeoparser) -> None:
    for text, _ in US_LOCAL:
        result = parse(parser, text)
        assert focus(result) == ["US"], text[:40]


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "Israeli and Palestinian officials met in Amman, and Jordan offered to host talks "
            "with Lebanon and Syria.",
            "Jordan",
            "JO",
        ),
        ("Tbilisi says Georgia will apply to join the European Union next year.", "Georgia", "GE"),
        ("Tourists returned to Paris and Lyon after the strike ended.", "Paris", "FR"),
        ("Ferries from Piraeus to the islands left Athens on time.", "Athens", "GR"),
        ("A US soldier from Ohio was killed in Jordan, the Pentagon said.", "Jordan", "JO"),
    ],
)
def test_abroad_stays_abroad(parser: StandardGeoparser, text: str, name: str, country: str) -> None:
    places = found(parse(parser, text))
    assert {p.country for p in places[name]} == {country}
