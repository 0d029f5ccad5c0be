"""The country of each gold toponym, for the "right country" share of the evaluation.

Some corpora place countries and provinces by their own convention, often more than 161 km from
GeoNames' point, so acc@161 alone mixes wrong places with right places drawn elsewhere. The
right-country share asks the coarser question. A gold toponym's country is, in order:
- the country TR-News names for it (``<country>`` of its ``<gaztag>``);
- the country of its GeoNames id when the gazetteer knows that id (GeoWebNews);
- the country of the nearest gazetteer town within ``NEAREST_KM`` of its gold point.
Continents, oceans and regions shared by several countries have none and are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from geo_datasets import GoldDocument, GoldToponym

NEAREST_KM = 50.0


@dataclass(frozen=True, slots=True)
class CountryShare:
    right: int
    known: int  # gold toponyms with a known country

    @property
    def share(self) -> float:
        return self.right / self.known if self.known else 0.0


@cache
def _gazetteer_index() -> tuple[dict[int, str], object]:
    from worldbrief.geo.gazetteer_build import default_gazetteer
    from worldbrief.geo.latitude_index import LatitudeIndex

    gazetteer = default_gazetteer()
    by_id: dict[int, str] = {}
    towns = []
    for index in range(len(gazetteer)):
        place = gazetteer.place(index)
        if place.geonameid is not None:
            by_id.setdefault(place.geonameid, "" if place.multinational else place.country)
        if place.feature_class == "P":
            towns.append((place, place.country))
    return by_id, LatitudeIndex(towns)


def _country_code(name: str) -> str | None:
    from worldbrief.geo.country_names import CountryNameTable

    found = CountryNameTable.load_default().lookup(name.strip())
    return found.code if found is not None else None


def gold_country(toponym: GoldToponym) -> str | None:
    """The ISO code of the gold toponym's country, or None when it has none we can tell."""
    from worldbrief.geo.distance import distance_km
    from worldbrief.geo.gazetteer import Place

    if toponym.country:
        return _country_code(toponym.country)
    by_id, towns = _gazetteer_index()
    if toponym.geonameid is not None and toponym.geonameid in by_id:
        return by_id[toponym.geonameid] or None
    if toponym.kind.startswith(("L.CONT", "H.")):
        return None
    probe = Place(-1, None, "", toponym.lat, toponym.lon, "", None, None, "P.PPL", 0, 0.0)
    best: tuple[float, str] | None = None
    for town, code in towns.band(probe, NEAREST_KM):  # type: ignore[attr-defined]
        km = distance_km(toponym.lat, toponym.lon, town.lat, town.lon)
        if km <= NEAREST_KM and (best is None or km < best[0]):
            best = (km, code)
    return best[1] if best is not None else None


def country_share(
    pairs: Iterable[tuple[GoldToponym, str | None]],
) -> CountryShare:
    """``pairs``: each gold toponym with the country answered for it (None: no answer)."""
    right = known = 0
    for toponym, answered in pairs:
        code = gold_country(toponym)
        if code is None:
            continue
        known += 1
        right += answered == code
    return CountryShare(right, known)


def gold_countries(documents: Sequence[GoldDocument]) -> dict[tuple[str, int], str | None]:
    """(document id, toponym index) -> gold country, for reports that need them all."""
    return {
        (doc.id, i): gold_country(toponym)
        for doc in documents
        for i, toponym in enumerate(doc.toponyms)
    }
