"""The standard geoparser: recognise toponyms, resolve them, and judge the text's focus.

``default_geoparser()`` loads the gazetteer once per process and is what ``annotate`` and the
``geotag`` stage use.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache

from worldbrief.domain import CountryMention, PlaceMention, RegionMention, Span
from worldbrief.geo.country_mentions import CountryRecognizer
from worldbrief.geo.country_names import NameKind
from worldbrief.geo.dateline import Dateline, find_dateline
from worldbrief.geo.distance import distance_km
from worldbrief.geo.focus import (
    KIND_WEIGHTS,
    ZONE_WEIGHTS,
    CountryEvidence,
    FocusScorer,
    Zones,
    is_title_case,
)
from worldbrief.geo.gazetteer import Gazetteer, Place
from worldbrief.geo.gazetteer_build import default_gazetteer
from worldbrief.geo.geoparser import GeoparseRequest, GeoparseResult
from worldbrief.geo.place_names import name_key
from worldbrief.geo.place_words import COMMON_CAPITALISED, PLACE_TYPE_WORDS
from worldbrief.geo.regions import RegionTaxonomy
from worldbrief.geo.resolver import COUNTRY_NAME_KINDS, ResolutionContext, ToponymResolver
from worldbrief.geo.toponyms import Toponym, ToponymRecognizer

PLACE_EVIDENCE = 0.3  # a resolved town or region speaks for its country, weakly
DATELINE_CONTEXT = 1.5
STRAY_KM = 500.0
_COUNTY_WORD = re.compile(r"\b(?:county|co\.|parish|borough|township)\s*$", re.IGNORECASE)
STRAY_IMPORTANCE = 5.0
_FACILITY_TEXT = """
    street st avenue ave road rd boulevard blvd lane drive highway freeway interstate route
    church cathedral school college university hospital library museum hall building tower
    center centre stadium arena park bridge station hotel inn restaurant bar cafe market mall
    theater theatre plaza house office prison jail court courthouse airport base camp"""
_FACILITY_WORDS = frozenset(_FACILITY_TEXT.split())


# Words that never stand for a place on their own inside a longer name ("West Wing").
_FILLER_WORDS = _FACILITY_WORDS | COMMON_CAPITALISED | PLACE_TYPE_WORDS


class StandardGeoparser:
    """Implements ``Geoparser`` with the bundled gazetteer and region taxonomy."""

    def __init__(self, gazetteer: Gazetteer, taxonomy: RegionTaxonomy | None = None) -> None:
        self.gazetteer = gazetteer
        self.taxonomy = taxonomy or RegionTaxonomy.load_default()
        self.countries = CountryRecognizer()
        self.recognizer = ToponymRecognizer(gazetteer, self.countries)
        self.resolver = ToponymResolver(gazetteer)
        self.focus = FocusScorer(self.taxonomy)

    def geoparse(self, request: GeoparseRequest) -> GeoparseResult:
        text, body_start = request.text, request.body_start
        title_case_end = body_start if is_title_case(text[:body_start]) else 0
        dateline = find_dateline(text, body_start)
        if request.spans is not None:
            toponyms = [self._gold_toponym(text, span) for span in request.spans]
        else:
            toponyms = self.recognizer.find(text, title_case_end)
        outside = self._title_toponyms(request)
        dateline_code = self._dateline_country(text, dateline, toponyms)
        context: dict[str, float] = defaultdict(float)
        if dateline_code is not None:
            context[dateline_code] += DATELINE_CONTEXT
        for toponym in outside:
            if toponym.country is not None:
                context[toponym.country] += 1.0
        places = self.resolver.resolve(text, toponyms, ResolutionContext(context))
        if request.spans is None:
            places = _corroborated(toponyms, places, context)
        if request.spans is not None:
            places = _fill_gaps(places, toponyms)
        countries, regions = self._focus(
            text, body_start, dateline, dateline_code, toponyms, places, outside
        )
        mentions = tuple(
            None if place is None else _mention(text, toponym.span, place)
            for toponym, place in zip(toponyms, places, strict=True)
        )
        if request.spans is None:
            # Buildings named for their occupants ("White House", "Kremlin") speak for a
            # government, not a place: evidence for focus, but not listed as places.
            mentions = tuple(m for m in mentions if m is not None and m.feature != "S.BLDG")
        return GeoparseResult(mentions, countries, regions)

    def _title_toponyms(self, request: GeoparseRequest) -> list[Toponym]:
        """A title given apart from the text is context: it counts, but yields no places."""
        title = (request.title or "").strip()
        if not title or request.body_start or request.text.startswith(title):
            return []
        return self.recognizer.find(title, len(title) if is_title_case(title) else 0)

    def _gold_toponym(self, text: str, span: Span) -> Toponym:
        if span.end > len(text):
            raise ValueError(f"span [{span.start}, {span.end}) lies outside the text")
        written = text[span.start : span.end]
        named = self.countries.table.lookup(written.strip())
        if named is not None and named.kind in COUNTRY_NAME_KINDS:
            return Toponym(span, written, name_key(written), named.code, named.kind)
        return Toponym(span, written, self._gold_key(written))

    def _gold_key(self, written: str) -> str:
        """The key of a given span, or of the place it contains ("Osh Region's", "the Aktau
        port"), or "" for a street or building, which the text's home place will stand in for."""
        key = name_key(re.sub(r"['’]s$", "", written.strip()))
        if self.gazetteer.has_key(key):
            return key
        words = key.split()
        if words and words[0] == "the":
            words = words[1:]
        if not words or words[-1] in _FACILITY_WORDS:
            return ""
        while words and words[-1] in PLACE_TYPE_WORDS:
            words = words[:-1]
            if self.gazetteer.has_key(" ".join(words)):
                return " ".join(words)
        for size in range(len(words) - 1, 0, -1):
            for first in range(0, len(words) - size + 1):
                piece = " ".join(words[first : first + size])
                if self.gazetteer.has_key(piece) and not _FILLER_WORDS.intersection(piece.split()):
                    return piece
        return ""

    def _dateline_country(
        self, text: str, dateline: Dateline | None, toponyms: list[Toponym]
    ) -> str | None:
        if dateline is None:
            return None
        names = self.countries.table
        if dateline.qualifier:
            code = names.dateline_qualifiers.get(dateline.qualifier.casefold())
            named = names.lookup(dateline.qualifier.rstrip("."))
            if code or named:
                return code or (named.code if named else None)
        named = names.lookup(dateline.place)
        if named is not None:
            return named.code
        place = self.gazetteer.find(dateline.place)
        return place.country if place is not None and place.feature_class == "P" else None

    def _focus(
        self,
        text: str,
        body_start: int,
        dateline: Dateline | None,
        dateline_code: str | None,
        toponyms: list[Toponym],
        places: list[Place | None],
        outside: list[Toponym],
    ) -> tuple[tuple[CountryMention, ...], tuple[RegionMention, ...]]:
        evidence: list[CountryEvidence] = []
        lead_start = body_start
        if dateline is not None:
            lead_start = dateline.place_span.end
            if dateline_code is not None:
                evidence.append(
                    CountryEvidence(dateline_code, dateline.place_span, ZONE_WEIGHTS["dateline"])
                )
        zones = Zones.of(text, body_start, lead_start)
        for toponym, place in zip(toponyms, places, strict=True):
            in_dateline = dateline is not None and _within_dateline(toponym.span, dateline)
            if in_dateline and dateline_code is not None:
                continue  # the dateline already counted, with its own weight
            start = toponym.span.start
            if toponym.country is not None:
                weight = KIND_WEIGHTS[toponym.kind or NameKind.NAME]
                evidence.append(
                    CountryEvidence(toponym.country, toponym.span, zones.weight(start) * weight)
                )
            elif place is not None and place.country and _speaks_for_country(place):
                evidence.append(
                    CountryEvidence(
                        place.country, toponym.span, zones.weight(start) * PLACE_EVIDENCE
                    )
                )
        for toponym in outside:
            if toponym.country is not None:
                weight = ZONE_WEIGHTS["title"] * KIND_WEIGHTS[toponym.kind or NameKind.NAME]
                evidence.append(CountryEvidence(toponym.country, None, weight))
        return self.focus.mentions(evidence)


def _speaks_for_country(place: Place) -> bool:
    """Towns, divisions, sites and regions lie in their country; seas and ranges may not."""
    return not place.multinational and place.feature_class in ("P", "A", "S", "L")


def _corroborated(
    toponyms: list[Toponym], places: list[Place | None], context: dict[str, float]
) -> list[Place | None]:
    """Tentative names ("Regina", "Allen") stay only where the rest of the text supports them:
    another place in the same division, or the same country as the text's main one."""
    sure = [p for t, p in zip(toponyms, places, strict=True) if p is not None and not t.tentative]
    divisions = {p.admin1_code for p in sure if p.admin1_code}
    countries = Counter(p.country for p in sure)
    countries.update({code: 2 for code, weight in context.items() if weight > 0})
    main = {code for code, n in countries.items() if n == max(countries.values())}
    kept: list[Place | None] = []
    for toponym, place in zip(toponyms, places, strict=True):
        unsupported = place is not None and (
            place.admin1_code not in divisions and place.country not in main
        )
        kept.append(None if toponym.tentative and unsupported else place)
    return kept


def _fill_gaps(places: list[Place | None], toponyms: list[Toponym]) -> list[Place | None]:
    """Unresolved gold spans (streets, buildings) take the text's home place; so does a span
    read through a piece of it ("Metcalfe County" as "Metcalfe") that lands on a small place
    far from home, a namesake more likely than the county itself."""
    home = _home_place(places)
    filled: list[Place | None] = []
    for place, toponym in zip(places, toponyms, strict=True):
        partial = toponym.key != name_key(toponym.text)
        if place is None or (partial and home is not None and _stray(place, home, toponym)):
            place = home
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


def _home_place(places: list[Place | None]) -> Place | None:
    """The place a text is set in: its most named town (or division) in its most named
    country; its most named country when it names no town."""
    known = [p for p in places if p is not None]
    by_country = Counter(p.country for p in known)
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


def _within_dateline(span: Span, dateline: Dateline) -> bool:
    spans = [dateline.place_span]
    if dateline.qualifier_span is not None:
        spans.append(dateline.qualifier_span)
    return any(span.overlaps(s) for s in spans)


def _mention(text: str, span: Span, place: Place) -> PlaceMention:
    return PlaceMention(
        span.start,
        span.end,
        text[span.start : span.end],
        place.name,
        place.geonameid,
        place.lat,
        place.lon,
        place.country,
        place.admin1,
        place.feature,
    )


@cache
def default_geoparser() -> StandardGeoparser:
    """The process-wide geoparser; the gazetteer loads on first call (well under a second
    once its cache file exists, about ten seconds the very first time)."""
    return StandardGeoparser(default_gazetteer())
