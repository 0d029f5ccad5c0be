from collections.abc import Callable
from pathlib import Path

import pycountry
import pytest

from worldbrief.geo import GeoDataError, RegionTaxonomy

BUNDLED = (
    Path(__file__).resolve().parents[2] / "src" / "worldbrief" / "geo" / "data" / "regions.yaml"
)


@pytest.fixture(scope="module")
def taxonomy() -> RegionTaxonomy:
    return RegionTaxonomy.load_default()


def test_every_iso_country_and_kosovo_is_in_exactly_one_sub_region(
    taxonomy: RegionTaxonomy,
) -> None:
    codes = {c.alpha_2 for c in pycountry.countries} | {"XK"}
    assert len(codes) == 250
    assert {c.code for c in taxonomy.countries()} == codes
    for code in codes:
        region, sub_region = taxonomy.regions_for(code)
        assert region.parent_id is None
        assert sub_region.parent_id == region.id


def test_kazakhstan_is_in_eurasia_central_asia(taxonomy: RegionTaxonomy) -> None:
    kazakhstan = taxonomy.country("KZ")
    assert kazakhstan.name == "Kazakhstan"
    assert kazakhstan.region_ids == ("eurasia", "central-asia")
    assert [r.name for r in taxonomy.regions_for("KZ")] == ["Eurasia", "Central Asia"]
    assert taxonomy.region("central-asia").parent_id == "eurasia"


def test_top_regions_in_display_order(taxonomy: RegionTaxonomy) -> None:
    assert [r.id for r in taxonomy.top_regions()] == [
        "africa",
        "east-asia",
        "eurasia",
        "europe",
        "latin-america",
        "middle-east-north-africa",
        "north-america",
        "south-asia",
        "oceania",
    ]
    assert [r.id for r in taxonomy.children("eurasia")] == [
        "russia",
        "eastern-europe",
        "caucasus",
        "central-asia",
    ]


def test_countries_in_region_and_sub_region(taxonomy: RegionTaxonomy) -> None:
    central_asia = {c.code for c in taxonomy.countries_in("central-asia")}
    assert central_asia == {"KZ", "KG", "TJ", "TM", "UZ"}
    eurasia = {c.code for c in taxonomy.countries_in("eurasia")}
    assert central_asia | {"RU", "UA", "BY", "MD", "AM", "AZ", "GE"} == eurasia
    assert "NO" in {c.code for c in taxonomy.countries_in("nordic-countries")}


def test_display_names_are_the_short_names_readers_expect(taxonomy: RegionTaxonomy) -> None:
    expected = {
        "RU": "Russia",
        "IR": "Iran",
        "KR": "South Korea",
        "KP": "North Korea",
        "BO": "Bolivia",
        "VN": "Vietnam",
        "SY": "Syria",
        "TZ": "Tanzania",
        "TW": "Taiwan",
        "XK": "Kosovo",
        "US": "United States",
        "GB": "United Kingdom",
        "TR": "Turkey",
        "CD": "DR Congo",
    }
    assert {code: taxonomy.country(code).name for code in expected} == expected


def test_countries_sorted_by_name(taxonomy: RegionTaxonomy) -> None:
    names = [c.name.casefold() for c in taxonomy.countries()]
    assert names == sorted(names)


def test_unknown_ids_and_codes(taxonomy: RegionTaxonomy) -> None:
    assert taxonomy.find_region("atlantis") is None
    assert taxonomy.find_country("ZZ") is None
    assert taxonomy.find_country("kz") == taxonomy.country("KZ")
    with pytest.raises(KeyError, match="atlantis"):
        taxonomy.region("atlantis")
    with pytest.raises(KeyError, match="ZZ"):
        taxonomy.country("ZZ")


def test_a_user_file_in_the_same_format_replaces_the_bundled_one(tmp_path: Path) -> None:
    user_file = tmp_path / "regions.yaml"
    text = BUNDLED.read_text(encoding="utf-8").replace("name: Central Asia", "name: Middle Asia")
    user_file.write_text(text, encoding="utf-8")
    custom = RegionTaxonomy.load(user_file)
    assert [r.name for r in custom.regions_for("UZ")] == ["Eurasia", "Middle Asia"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda t: t.replace("[KG, KZ, TJ, TM, UZ]", "[KG, KZ, TJ, TM, UZ, QQ]"),
            "unknown country code 'QQ'",
        ),
        (
            lambda t: t.replace("[KG, KZ, TJ, TM, UZ]", "[KG, KZ, TJ, TM, UZ, RU]"),
            "RU is in both 'russia' and 'central-asia'",
        ),
        (
            lambda t: t.replace("[KG, KZ, TJ, TM, UZ]", "[KG, TJ, TM, UZ]"),
            "countries in no sub-region: KZ",
        ),
        (
            lambda t: t.replace("id: central-asia", "id: Central Asia"),
            "'Central Asia' is not a kebab-case slug",
        ),
        (lambda t: t.replace("id: caucasus", "id: russia"), "region id 'russia' is used twice"),
        (lambda t: t.replace("regions:", "areas:"), "expected a mapping with a 'regions' list"),
        (lambda t: t + "\n  - [unclosed\n", "not valid YAML"),
    ],
)
def test_an_invalid_user_file_gets_an_error_naming_file_and_problem(
    tmp_path: Path, change: Callable[[str], str], message: str
) -> None:
    user_file = tmp_path / "my-regions.yaml"
    user_file.write_text(change(BUNDLED.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(GeoDataError) as error:
        RegionTaxonomy.load(user_file)
    assert str(user_file) in str(error.value)
    assert message in str(error.value)


def test_a_missing_user_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(GeoDataError, match=r"nowhere\.yaml: cannot read file"):
        RegionTaxonomy.load(tmp_path / "nowhere.yaml")
