import pytest

from worldbrief.geo import CountryNameTable, NameKind


@pytest.fixture(scope="module")
def names() -> CountryNameTable:
    return CountryNameTable.load_default()


@pytest.mark.parametrize(
    ("text", "code", "kind"),
    [
        ("Burma", "MM", NameKind.ALIAS),
        ("Zaire", "CD", NameKind.HISTORICAL),
        ("Ceylon", "LK", NameKind.HISTORICAL),
        ("Soviet Union", "RU", NameKind.HISTORICAL),
        ("USSR", "RU", NameKind.ABBREVIATION),
        ("West Germany", "DE", NameKind.HISTORICAL),
        ("U.S.", "US", NameKind.ABBREVIATION),
        ("USA", "US", NameKind.ABBREVIATION),
        ("U.K.", "GB", NameKind.ABBREVIATION),
        ("UAE", "AE", NameKind.ABBREVIATION),
        ("DRC", "CD", NameKind.ABBREVIATION),
        ("Uzbek", "UZ", NameKind.DEMONYM),
        ("Kazakh", "KZ", NameKind.DEMONYM),
        ("Kazakhstani", "KZ", NameKind.DEMONYM),
        ("French", "FR", NameKind.DEMONYM),
        ("Dutch", "NL", NameKind.DEMONYM),
        ("Filipino", "PH", NameKind.DEMONYM),
        ("Filipinos", "PH", NameKind.DEMONYM),
        ("Astana", "KZ", NameKind.CAPITAL),
        ("Nur-Sultan", "KZ", NameKind.CAPITAL),
        ("Akmola", "KZ", NameKind.CAPITAL),
        ("Tbilisi", "GE", NameKind.CAPITAL),
        ("Côte d'Ivoire", "CI", NameKind.NAME),
        ("Cote d'Ivoire", "CI", NameKind.NAME),
        ("St. Lucia", "LC", NameKind.NAME),
        ("Kosovo", "XK", NameKind.NAME),
    ],
)
def test_names_aliases_demonyms_and_capitals(
    names: CountryNameTable, text: str, code: str, kind: NameKind
) -> None:
    found = names.by_text[text]
    assert (found.code, found.kind) == (code, kind)


def test_lookup_ignores_case_for_datelines(names: CountryNameTable) -> None:
    assert names.lookup("LONDON") is not None and names.lookup("LONDON").code == "GB"  # type: ignore[union-attr]
    assert names.lookup("peking").code == "CN"  # type: ignore[union-attr]
    assert names.lookup("Atlantis") is None


def test_shared_names_keep_every_reading(names: CountryNameTable) -> None:
    assert names.by_text["Congo"].codes == ("CD", "CG")
    assert names.by_text["Korea"].codes == ("KR", "KP")


def test_every_country_has_a_display_name_and_its_own_names(names: CountryNameTable) -> None:
    assert names.display_name("kz") == "Kazakhstan"
    assert {n.text for n in names.names_for("KZ")} >= {
        "Kazakhstan",
        "Kazakh",
        "Astana",
        "KAZAKHSTAN",
    }
    with pytest.raises(KeyError, match="ZZ"):
        names.display_name("ZZ")
