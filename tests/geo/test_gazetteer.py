"""The gazetteer: what it holds, how names lead to places, and its cache file."""

from __future__ import annotations

from pathlib import Path

import pytest

from worldbrief.geo.gazetteer import Gazetteer
from worldbrief.geo.gazetteer_build import cache_path, default_gazetteer
from worldbrief.geo.place_names import name_key


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


def test_it_holds_geonames_cities_divisions_countries_and_our_regions(gazetteer: Gazetteer) -> None:
    assert len(gazetteer) > 230_000
    aktau = gazetteer.find("Aktau", country="KZ")
    assert aktau is not None and aktau.feature.startswith("P.") and aktau.population > 100_000
    assert aktau.admin1 == "Mangghystaū" and aktau.admin1_code == "KZ.09"
    texas = gazetteer.find("Texas", feature="A.ADM1")
    assert texas is not None and texas.geonameid == 4736286
    assert 28 < texas.lat < 34 and -102 < texas.lon < -96  # the middle of its towns' extent
    kazakhstan = gazetteer.find_country("kz")
    assert kazakhstan is not None and kazakhstan.feature == "A.PCLI"
    assert (kazakhstan.lat, kazakhstan.lon) == (48.0, 68.0)
    valley = gazetteer.find("Ferghana Valley")
    assert valley is not None and valley.feature == "T.VAL" and valley.geonameid is None
    assert valley.multinational


@pytest.mark.parametrize(
    ("written", "name", "country"),
    [
        ("Alma-Ata", "Almaty", "KZ"),
        ("ALMA ATA", "Almaty", "KZ"),
        ("Mangistau", "Mangghystaū", "KZ"),
        ("Burma", "Myanmar", "MM"),
        ("Kazakh", "Kazakhstan", "KZ"),
        ("U.S.", "United States", "US"),
        ("St. Petersburg", "St.-Petersburg", "RU"),
        ("Côte d’Ivoire", "Ivory Coast", "CI"),
        ("B.C.", "British Columbia", "CA"),
    ],
)
def test_other_spellings_lead_to_the_same_place(
    gazetteer: Gazetteer, written: str, name: str, country: str
) -> None:
    found = gazetteer.find(written, country=country)
    assert found is not None and found.name == name


def test_candidates_come_most_important_first(gazetteer: Gazetteer) -> None:
    paris = gazetteer.candidates("Paris")
    assert paris[0].place.country == "FR" and paris[0].place.feature == "P.PPLC"
    assert {c.place.country for c in paris} >= {"FR", "US", "CA"}
    assert gazetteer.candidates("Nowhereville Xyzzy") == []


def test_name_keys_ignore_case_accents_dots_and_dashes() -> None:
    assert name_key("Côte d'Ivoire") == name_key("COTE D’IVOIRE") == "cote divoire"
    assert name_key("St. Louis") == name_key("Saint Louis") == "saint louis"
    assert name_key("Alma-Ata") == name_key("alma ata")


def test_the_cache_file_round_trips(gazetteer: Gazetteer, tmp_path: Path) -> None:
    path = tmp_path / "nested" / "gazetteer.pickle"
    gazetteer.save(path)
    loaded = Gazetteer.load(path)
    assert len(loaded) == len(gazetteer) and loaded.name_count == gazetteer.name_count
    assert loaded.candidates("Osh") == gazetteer.candidates("Osh")


def test_a_file_that_is_not_a_gazetteer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.pickle"
    path.write_bytes(b"\x80\x05N.")  # a pickled None
    with pytest.raises(ValueError, match="not a gazetteer cache file"):
        Gazetteer.load(path)


def test_the_cache_lives_under_the_configured_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("WORLDBRIEF_CACHE_DIR", str(tmp_path))
    assert cache_path().parent == tmp_path
    monkeypatch.delenv("WORLDBRIEF_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_path().parent == tmp_path / "xdg" / "worldbrief"
    assert cache_path().name.startswith("gazetteer-v")
