"""US counties (and parishes, boroughs) and the states they lie in, from ``data/counties.tsv``.

A county's name says which state a local story is set in far more surely than a town's: there
are a dozen Parises but two Limestone Counties (Alabama, Texas).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from importlib import resources

from worldbrief.geo.place_names import name_key

_SUFFIX = re.compile(r"\s+(?:County|Parish|Borough|Census Area|Municipality)$")
_WRITTEN = re.compile(r"^(?P<name>.+?)\s+(?:County|Co\.|Parish|Borough)$", re.IGNORECASE)


@cache
def county_divisions() -> dict[str, tuple[str, ...]]:
    """A county's name key ("limestone") -> the admin1 codes with a county of that name."""
    source = resources.files("worldbrief.geo").joinpath("data", "counties.tsv")
    found: dict[str, set[str]] = defaultdict(set)
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        admin1, name = line.split("\t", 1)
        found[name_key(_SUFFIX.sub("", name))].add(admin1)
    return {key: tuple(sorted(codes)) for key, codes in found.items()}


def county_key(written: str) -> str:
    """The name key of the county a span names ("Limestone County" -> "limestone"), or ""."""
    match = _WRITTEN.match(written.strip())
    return name_key(match.group("name")) if match else ""
