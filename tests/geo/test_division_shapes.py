"""Matching Natural Earth admin-1 shapes to GeoNames first-level divisions, on literal records
as ``ne_10m_admin_1_states_provinces`` writes them, against the shipped ``admin1.tsv``."""

from __future__ import annotations

from worldbrief.geo.division_shapes import (
    Division,
    MatchHow,
    ShapeMatch,
    ShapeNames,
    division_code,
    division_name_key,
    divisions_of,
    match_shape,
    shape_names,
)

MANGYSTAU = {  # Natural Earth's record, trimmed to the fields the match reads
    "name": "Mangghystau",
    "name_alt": "Mangistau|Mangyshlak",
    "gn_id": 608879,
    "gn_a1_code": "KZ.09",
    "gn_name": "Mangistauskaya Oblast'",
    "iso_3166_2": "KZ-",
    "region": None,
    "admin": "Kazakhstan",
    "geonunit": "Kazakhstan",
}


def test_a_record_gives_its_geonames_id_code_and_names() -> None:
    names = shape_names(MANGYSTAU)
    assert names.geonameid == 608879
    assert names.geonames_code == "KZ.09"
    assert names.names == ("Mangghystau", "Mangistauskaya Oblast'", "Mangistau", "Mangyshlak")
    assert names.parents == ()


def test_placeholders_are_no_evidence() -> None:
    names = shape_names({"name": None, "gn_id": 0, "gn_a1_code": "KZ.", "iso_3166_2": "KZ-"})
    assert names == ShapeNames(None, None, (), ())


def test_the_geonames_id_decides_first() -> None:
    assert match_shape(shape_names(MANGYSTAU), divisions_of("KZ")) == ShapeMatch(
        "KZ.09", MatchHow.GEONAMEID
    )


def test_a_name_beats_a_stale_code() -> None:
    # GeoNames renumbered: the code now belongs to another division; the name still agrees.
    shape = ShapeNames(None, "KZ.02", ("Mangghystau Oblysy",), ())
    assert match_shape(shape, divisions_of("KZ")) == ShapeMatch("KZ.09", MatchHow.NAME)


def test_the_code_when_no_name_agrees() -> None:
    shape = ShapeNames(None, "KZ.09", ("Mangyshlak",), ())
    assert match_shape(shape, divisions_of("KZ")) == ShapeMatch("KZ.09", MatchHow.CODE)


def test_a_finer_unit_goes_to_the_division_named_as_its_region() -> None:
    # Natural Earth outlines Italy's provinces; GeoNames's first level is the region.
    modena = shape_names(
        {"name": "Modena", "gn_id": 3173330, "gn_a1_code": "IT.MO", "iso_3166_2": "IT-MO",
         "region": "Emilia-Romagna", "region_cod": "IT-45", "admin": "Italy",
         "geonunit": "Italy"}
    )  # fmt: skip
    found = match_shape(modena, divisions_of("IT"))
    assert found is not None and found.how is MatchHow.PARENT
    assert [d.name for d in divisions_of("IT") if d.code == found.code] == ["Emilia-Romagna"]


def test_a_nation_of_a_union_is_a_parent() -> None:
    glasgow = shape_names(
        {"name": "Glasgow", "gn_id": 3333231, "gn_a1_code": "GB.V2", "iso_3166_2": "GB-",
         "region": "South Western", "admin": "United Kingdom", "geonunit": "Scotland"}
    )  # fmt: skip
    assert glasgow.parents == ("South Western", "Scotland")
    assert match_shape(glasgow, divisions_of("GB")) == ShapeMatch("GB.SCT", MatchHow.PARENT)


def test_division_words_and_brackets_do_not_stop_a_match() -> None:
    assert division_name_key("Pavlodar Region") == division_name_key("Pavlodar")
    assert division_name_key("Aktyubinskaya Oblast’") == division_name_key("Aktyubinskaya")
    armm = ShapeNames(None, None, (), ("Autonomous Region in Muslim Mindanao (ARMM)",))
    found = match_shape(armm, divisions_of("PH"))
    assert found is not None and found.how is MatchHow.PARENT


def test_a_loose_name_shared_by_two_divisions_matches_neither() -> None:
    divisions = (
        Division("KZ.02", "Almaty", "Almaty", 1526395),
        Division("KZ.01", "Almaty Region", "Almaty Region", 1537162),
    )
    assert match_shape(ShapeNames(None, None, ("Almaty",), ()), divisions) == ShapeMatch(
        "KZ.02", MatchHow.NAME
    )
    assert match_shape(ShapeNames(None, None, ("Almaty Oblysy",), ()), divisions) is None


def test_nothing_agreeing_is_no_match() -> None:
    assert match_shape(ShapeNames(None, "KZ.99", ("Atlantis",), ()), divisions_of("KZ")) is None


def test_events_division_names_give_their_codes() -> None:
    assert division_code("KZ", "Mangghystaū") == "KZ.09"
    assert division_code("kz", "Almaty Region") == "KZ.01"
    assert division_code("KZ", "Mangystau") is None  # events carry the GeoNames name only
    assert division_code("ZZ", "Anywhere") is None


def test_the_towns_inside_place_a_finer_unit_in_its_division() -> None:
    # Natural Earth's Ain: a French department with a pre-2016 region GeoNames no longer has.
    ain = shape_names(
        {"name": "Ain", "gn_id": 3038422, "gn_a1_code": "FR.01", "iso_3166_2": "FR-",
         "region": "Rhône-Alpes", "admin": "France", "geonunit": "France"}
    )  # fmt: skip
    assert match_shape(ain, divisions_of("FR")) is None
    towns = {"FR.84": 410, "FR.27": 3}  # Auvergne-Rhône-Alpes, a few over the border
    assert match_shape(ain, divisions_of("FR"), towns) == ShapeMatch("FR.84", MatchHow.CITIES)


def test_towns_split_between_divisions_or_too_few_decide_nothing() -> None:
    shape = ShapeNames(None, None, ("Dong Bac",), ())  # an old region over several provinces
    assert match_shape(shape, divisions_of("VN"), {"VN.01": 30, "VN.02": 25}) is None
    assert match_shape(shape, divisions_of("VN"), {"VN.01": 2}) is None
    assert match_shape(shape, divisions_of("VN"), {"ZZ.99": 40}) is None  # not its country's
