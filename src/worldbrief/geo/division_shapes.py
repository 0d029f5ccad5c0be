"""Which GeoNames first-level division a Natural Earth admin-1 shape belongs to.

Events name their division as GeoNames does (``admin1.tsv``); the outlines shipped with the
site are Natural Earth's, whose units are sometimes finer (Italy's provinces, France's
departments, England's counties). Each shape is matched to one division, strongest evidence
first, and the build dissolves the shapes of a division into one outline keyed by its GeoNames
code (``scripts/build_admin1_boundaries.py``; docs/country-intelligence.md#division-outlines).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from worldbrief.geo.place_names import name_key

# Words a division's name carries in one source and not the other ("Osh Region" / "Osh").
_DIVISION_WORDS = re.compile(
    r"\b(?:region|province|oblast|oblasty|oblysy|oblisi|state|governorate|prefecture|county|"
    r"department|departement|district|voivodeship|kray|krai|autonomous|municipality|"
    r"territory|division|emirate|wilayah|wilaya|regional unit|canton|republic|of|the|city)\b"
)
TOWNS_AT_LEAST = 3
TOWNS_SHARE = (4, 5)
_BRACKETED = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True, slots=True)
class Division:
    """A GeoNames first-level division, as ``admin1.tsv`` lists it."""

    code: str  # "KZ.09": country code and GeoNames admin1 code
    name: str  # "Mangghystaū": the name events carry
    ascii_name: str
    geonameid: int

    @property
    def country(self) -> str:
        return self.code.split(".", 1)[0]


@dataclass(frozen=True, slots=True)
class ShapeNames:
    """What a Natural Earth admin-1 shape says of itself, as far as the match reads it."""

    geonameid: int | None  # gn_id: the GeoNames feature it was made from
    geonames_code: str | None  # gn_a1_code: "KZ.09"
    names: tuple[str, ...]  # its own names, in any script or spelling
    parents: tuple[str, ...]  # names of the larger unit it lies in (region, nation)


class MatchHow(enum.StrEnum):
    GEONAMEID = "geonameid"  # the same GeoNames feature
    NAME = "name"  # one of its names is the division's
    CITIES = "cities"  # most GeoNames towns inside it are in the division
    CODE = "code"  # the GeoNames admin1 code it was tagged with
    PARENT = "parent"  # a finer unit: its region or nation is the division


@dataclass(frozen=True, slots=True)
class ShapeMatch:
    code: str
    how: MatchHow


def division_name_key(name: str) -> str:
    """A division's name with case, accents, punctuation and words like "Region" dropped."""
    key = name_key(_plain(name))
    stripped = " ".join(_DIVISION_WORDS.sub(" ", key).split())
    return stripped or key


def shape_names(properties: Mapping[str, object]) -> ShapeNames:
    """The names and codes of a Natural Earth ``ne_10m_admin_1_states_provinces`` record."""

    def text(key: str) -> str | None:
        value = properties.get(key)
        return value.strip() if isinstance(value, str) and value.strip() else None

    gn_id = properties.get("gn_id")
    code = text("gn_a1_code")
    names = [text("name"), text("gn_name"), text("woe_name"), text("name_local")]
    names.extend((text("name_alt") or "").split("|"))
    iso = text("iso_3166_2")
    names.append(_subdivision_name(iso))
    parents = [text("region"), _subdivision_name(text("region_cod")), _parent_name(iso)]
    if text("geonunit") != text("admin"):  # a nation of a union: Scotland in the UK
        parents.append(text("geonunit"))
    return ShapeNames(
        geonameid=gn_id if isinstance(gn_id, int) and gn_id > 0 else None,
        geonames_code=code if code and not code.endswith(".") else None,
        names=_present(names),
        parents=_present(parents),
    )


def match_shape(
    shape: ShapeNames, divisions: Sequence[Division], towns: Mapping[str, int] | None = None
) -> ShapeMatch | None:
    """The division ``shape`` outlines or lies in, or None. A GeoNames id or name agreeing
    comes first; then the towns inside the shape (``towns``: GeoNames admin1 code -> how many
    of its towns lie inside), which also place a finer unit (a French department) in its
    division; then the admin1 code Natural Earth was tagged with, which GeoNames has since
    renumbered in places; last the division named as the shape's region or nation."""
    for division in divisions:
        if shape.geonameid is not None and division.geonameid == shape.geonameid:
            return ShapeMatch(division.code, MatchHow.GEONAMEID)
    exact, loose = _name_keys(divisions)
    found = _named(shape.names, exact, loose)
    if found is not None:
        return ShapeMatch(found.code, MatchHow.NAME)
    code = _most_towns(towns or {})
    if code is not None and any(d.code == code for d in divisions):
        return ShapeMatch(code, MatchHow.CITIES)
    for division in divisions:
        if division.code == shape.geonames_code:
            return ShapeMatch(division.code, MatchHow.CODE)
    found = _named(shape.parents, exact, loose)
    if found is not None:
        return ShapeMatch(found.code, MatchHow.PARENT)
    return None


def _most_towns(towns: Mapping[str, int]) -> str | None:
    """The division holding at least 4 in 5 of at least 3 towns: a shape spanning several
    divisions (Vietnam's old regions) is none of them."""
    total = sum(towns.values())
    if total < TOWNS_AT_LEAST:
        return None
    code, most = max(towns.items(), key=lambda kv: (kv[1], kv[0]))
    return code if most * TOWNS_SHARE[1] >= total * TOWNS_SHARE[0] else None


def divisions_of(country: str) -> tuple[Division, ...]:
    """The GeoNames first-level divisions of ``country`` (ISO alpha-2, any case)."""
    return _all_divisions().get(country.upper(), ())


def division_code(country: str, name: str) -> str | None:
    """The GeoNames admin1 code of the division of ``country`` that events call ``name``."""
    for division in divisions_of(country):
        if division.name == name:
            return division.code
    return None


def _name_keys(
    divisions: Sequence[Division],
) -> tuple[dict[str, Division], dict[str, Division]]:
    """Divisions by their whole name's key, and by the key without division words where that
    names one division only (Almaty and Almaty Region both lose "Region": neither is kept)."""
    exact: dict[str, Division] = {}
    loose: dict[str, set[Division]] = {}
    for division in divisions:
        for name in (division.name, division.ascii_name):
            exact.setdefault(name_key(_plain(name)), division)
            loose.setdefault(division_name_key(name), set()).add(division)
    return exact, {k: next(iter(v)) for k, v in loose.items() if len(v) == 1}


def _named(
    names: Sequence[str], exact: Mapping[str, Division], loose: Mapping[str, Division]
) -> Division | None:
    for name in names:
        if (found := exact.get(name_key(_plain(name)))) is not None:
            return found
    for name in names:
        if (found := loose.get(division_name_key(name))) is not None:
            return found
    return None


def _plain(name: str) -> str:
    """Apostrophes dropped and a bracketed abbreviation too: "Muslim Mindanao (ARMM)"."""
    return _BRACKETED.sub("", name).replace("’", "").replace("'", "")


def _present(values: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def _subdivision_name(code: str | None) -> str | None:
    found = _subdivisions().get(code or "")
    return found[0] if found else None


def _parent_name(code: str | None) -> str | None:
    found = _subdivisions().get(code or "")
    return _subdivision_name(found[1]) if found else None


@cache
def _subdivisions() -> dict[str, tuple[str, str | None]]:
    """ISO 3166-2 code -> (name, parent's code), from pycountry."""
    import pycountry  # loaded only by the build and the tests, never by a page

    return {
        str(s.code): (str(s.name), getattr(s, "parent_code", None) or None)
        for s in pycountry.subdivisions
    }


@cache
def _all_divisions() -> dict[str, tuple[Division, ...]]:
    text = resources.files("worldbrief.geo").joinpath("data", "admin1.tsv").read_text("utf-8")
    found: dict[str, list[Division]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, name, ascii_name, geonameid = line.split("\t")[:4]
        division = Division(code, name, ascii_name, int(geonameid))
        found.setdefault(division.country, []).append(division)
    return {country: tuple(items) for country, items in found.items()}
