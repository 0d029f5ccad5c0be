"""The text's home place, and what leans on it.

News is set somewhere: the town or division it names most. That home stands in for the places
the gazetteer cannot read (a street, a school, a county it lacks), and it decides whether a
name read through a piece of it ("Metcalfe County" as "Metcalfe") landed on a namesake.
"""

from __future__ import annotations

import re
from collections import Counter

from worldbrief.geo.counties import county_divisions
from worldbrief.geo.distance import distance_km
from worldbrief.geo.gazetteer import Place
from worldbrief.geo.toponyms import Toponym

STRAY_KM = 500.0
STRAY_IMPORTANCE = 5.0
_COUNTY_WORD = re.compile(r"\b(?:county|co\.|parish|borough|township)\s*$", re.IGNORECASE)


def corroborated(
    toponyms: list[Toponym], places: list[Place | None], context: dict[str, float]
) -> list[Place | None]:
    """Tentative names ("Regina", "Allen") stay only where the rest of the text supports them:
    another place in the same division, or the same country as the text's main one."""
    sure = [p for t, p in zip(toponyms, places, strict=True) if p is not None and not t.tentative]
    divisions = {p.admin1_code for p in sure if p.admin1_code}
    countries = Counter(p.own_country for p in sure if p.own_country)
    countries.update({code: 2 for code, weight in context.items() if weight > 0})
    main = {code for code, n in countries.items() if n == max(countries.values())}
    kept: list[Place | None] = []
    for toponym, place in zip(toponyms, places, strict=True):
        unsupported = place is not None and (
            place.admin1_code not in divisions and place.country not in main
        )
        kept.append(None if toponym.tentative and unsupported else place)
    return kept


def fill_gaps(
    places: list[Place | None], toponyms: list[Toponym], only_partial: bool = False
) -> list[Place | None]:
    """Unresolved gold spans (streets, buildings) take the text's home place; so does a span
    read through a piece of it ("Metcalfe County" as "Metcalfe") that lands on a small place
    far from home, a namesake more likely than the county itself. Without gold spans, only
    the spans read through a piece are filled."""
    settled = [p for p, t in zip(places, toponyms, strict=True) if not t.partial]
    home = home_place(settled)
    counties = county_divisions()
    county_homes: dict[str, Place | None] = {}
    filled: list[Place | None] = []
    for place, toponym in zip(places, toponyms, strict=True):
        if only_partial and not toponym.partial:
            filled.append(place)
            continue
        local = home
        states = counties.get(toponym.county, ())
        if states:
            # A county lies in one of the states that have a county of its name.
            if toponym.county not in county_homes:
                county_homes[toponym.county] = home_place(
                    [p for p in settled if p is not None and p.admin1_code in states]
                )
            local = county_homes[toponym.county] or home
            if place is not None and place.admin1_code not in states:
                place = None
        if place is None or (
            toponym.partial and local is not None and _stray(place, local, toponym)
        ):
            place = local
        filled.append(place)
    return filled


def _stray(place: Place, home: Place, toponym: Toponym) -> bool:
    if place.is_country or place.feature_class not in ("P", "A"):
        return False  # "European Commission" read as Europe: not a local namesake
    if place.country != home.country:
        return True
    if _COUNTY_WORD.search(toponym.text) and place.admin1_code != home.admin1_code:
        return True  # "Metcalfe County" lies in the home state, whatever town shares its name
    far = distance_km(place.lat, place.lon, home.lat, home.lon) > STRAY_KM
    return far and place.importance < STRAY_IMPORTANCE


def home_place(places: list[Place | None]) -> Place | None:
    """The place a text is set in: its most named town (or division) in its most named
    country; its most named country when it names no town."""
    known = [p for p in places if p is not None]
    by_country = Counter(p.own_country for p in known if p.own_country)
    local: Counter[int] = Counter()
    by_index: dict[int, Place] = {}
    for place in known:
        if not place.is_country and place.feature_class in ("P", "A"):
            local[place.index] += 2 if place.feature_class == "P" else 1
            by_index[place.index] = place
    if local:
        best = max(local, key=lambda i: (local[i] + by_country[by_index[i].country], -i))
        return by_index[best]
    countries = [p for p in known if p.is_country]
    return max(countries, key=lambda p: by_country[p.country], default=None)
