"""The standard geoparser: recognise toponyms, resolve them, and judge the text's focus.

``default_geoparser()`` loads the gazetteer once per process and is what ``annotate`` and the
``geotag`` stage use.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from functools import cache

from worldbrief.domain import CountryMention, PlaceMention, RegionMention, Span
from worldbrief.geo.counties import county_key
from worldbrief.geo.country_mentions import CountryRecognizer
from worldbrief.geo.country_names import NameKind
from worldbrief.geo.dateline import Dateline, find_dateline
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
from worldbrief.geo.gold_spans import MAX_GOLD_SPAN_CHARS, gold_key
from worldbrief.geo.home import corroborated, fill_gaps
from worldbrief.geo.place_names import name_key
from worldbrief.geo.ranker import RankerWeights
from worldbrief.geo.regions import RegionTaxonomy
from worldbrief.geo.resolver import (
    COUNTRY_NAME_KINDS,
    ReadingTrace,
    ResolutionContext,
    ToponymResolver,
)
from worldbrief.geo.shown_names import ShownNames
from worldbrief.geo.toponyms import Toponym, ToponymRecognizer

PLACE_EVIDENCE = 0.3  # a resolved town or region speaks for its country, weakly
DATELINE_CONTEXT = 1.5  # a dateline's stated country ("PORTLAND, Ore.")
DATELINE_GUESS = 1.0  # the country of the best-known town of a bare dateline's name


class StandardGeoparser:
    """Implements ``Geoparser`` with the bundled gazetteer and region taxonomy."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        taxonomy: RegionTaxonomy | None = None,
        weights: RankerWeights | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.taxonomy = taxonomy or RegionTaxonomy.load_default()
        self.countries = CountryRecognizer()
        self.recognizer = ToponymRecognizer(gazetteer, self.countries)
        self.resolver = ToponymResolver(gazetteer, weights)
        self.focus = FocusScorer(self.taxonomy)

    def geoparse(
        self, request: GeoparseRequest, trace: ReadingTrace | None = None
    ) -> GeoparseResult:
        """Places, countries and regions of the request; ``trace``, when given, receives the
        readings weighed for each toponym (in gold-span mode, for each span), to fit the
        ranker's weights."""
        text, body_start = request.text, request.body_start
        title_case_end = body_start if is_title_case(text[:body_start]) else 0
        dateline = find_dateline(text, body_start)
        if request.spans is not None:
            toponyms = [self._gold_toponym(text, span) for span in request.spans]
        else:
            toponyms = _dateline_is_a_place(self.recognizer.find(text, title_case_end), dateline)
        outside = self._title_toponyms(request)
        stated = self._dateline_stated_country(dateline)
        context: dict[str, float] = defaultdict(float)
        if stated is not None:
            context[stated] += DATELINE_CONTEXT
        elif (likely := self._dateline_likely_country(dateline)) is not None:
            context[likely] += DATELINE_GUESS
        for toponym in outside:
            if toponym.country is not None and toponym.kind in COUNTRY_NAME_KINDS:
                context[toponym.country] += 1.0
        dateline_span = dateline.place_span if dateline is not None else None
        division = self._dateline_division(dateline)
        places = self.resolver.resolve(
            text, toponyms, ResolutionContext(context, dateline_span, division), trace
        )
        if request.spans is None:
            places = corroborated(toponyms, places, context)
            places = fill_gaps(places, toponyms, only_partial=True)
        if request.spans is not None:
            places = fill_gaps(places, toponyms)
        dateline_code = stated or self._dateline_place_country(dateline, toponyms, places)
        countries, regions = self._focus(
            text, body_start, dateline, dateline_code, toponyms, places, outside
        )
        shown = ShownNames(self.gazetteer)
        mentions = tuple(
            None if place is None else _mention(text, toponym, place, shown)
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
        if len(written) > MAX_GOLD_SPAN_CHARS:
            return Toponym(span, written, "", partial=True)
        named = self.countries.table.lookup(written.strip())
        if named is not None and named.kind in COUNTRY_NAME_KINDS:
            return Toponym(span, written, name_key(written), named.code, named.kind)
        key = gold_key(self.gazetteer, written)
        if named is not None and key == name_key(written):
            # A town the country table knows ("New York", "Philadelphia"): as recognised.
            return Toponym(span, written, key, named.code, named.kind)
        county = county_key(written)
        return Toponym(span, written, key, partial=key != name_key(written), county=county)

    def _dateline_stated_country(self, dateline: Dateline | None) -> str | None:
        """The country a dateline states outright: its qualifier ("PORTLAND, Ore.") or a
        country's name; a bare town ("ATHENS") is read with the rest of the text instead."""
        if dateline is None:
            return None
        names = self.countries.table
        if dateline.qualifier:
            code = names.dateline_qualifiers.get(dateline.qualifier.casefold())
            named = names.lookup(dateline.qualifier.rstrip("."))
            if code or named:
                return code or (named.code if named else None)
            place = self.gazetteer.find(dateline.qualifier.rstrip("."), feature="A.ADM1")
            if place is not None:
                return place.country
        named = names.lookup(dateline.place)
        if named is not None and named.kind in COUNTRY_NAME_KINDS:
            return named.code
        return None

    def _dateline_division(self, dateline: Dateline | None) -> str | None:
        """The first-level division a dateline's qualifier names ("PORTLAND, Ore.")."""
        if dateline is None or not dateline.qualifier:
            return None
        place = self.gazetteer.find(dateline.qualifier, feature="A.ADM1")
        return place.admin1_code if place is not None else None

    def _dateline_likely_country(self, dateline: Dateline | None) -> str | None:
        """The country of the best-known town a bare dateline may name ("FRANKFURT"): some
        evidence, which the text's own towns and state can outweigh ("ATHENS" in Georgia)."""
        if dateline is None:
            return None
        named = self.countries.table.lookup(dateline.place)
        if named is not None:
            return named.code
        place = self.gazetteer.find(dateline.place)
        return place.country if place is not None and place.feature_class == "P" else None

    def _dateline_place_country(
        self, dateline: Dateline | None, toponyms: list[Toponym], places: list[Place | None]
    ) -> str | None:
        """The country of the town a dateline names, as the text resolved it."""
        if dateline is None:
            return None
        for toponym, place in zip(toponyms, places, strict=True):
            if toponym.span.start >= dateline.place_span.end:
                break
            if toponym.span.overlaps(dateline.place_span):
                return place.own_country or None if place is not None else None
        named = self.countries.table.lookup(dateline.place)
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
                    CountryEvidence(
                        dateline_code, dateline.place_span, ZONE_WEIGHTS["dateline"], True
                    )
                )
        zones = Zones.of(text, body_start, lead_start)
        for toponym, place in zip(toponyms, places, strict=True):
            in_dateline = dateline is not None and _within_dateline(toponym.span, dateline)
            if in_dateline and dateline_code is not None:
                continue  # the dateline already counted, with its own weight
            start = toponym.span.start
            if toponym.country is not None and _names_its_country(toponym, place):
                weight = KIND_WEIGHTS[toponym.kind or NameKind.NAME]
                evidence.append(
                    CountryEvidence(
                        toponym.country,
                        toponym.span,
                        zones.weight(start) * weight,
                        zones.zone(start) == "title",
                    )
                )
            elif place is not None and place.country and _speaks_for_country(place):
                evidence.append(
                    CountryEvidence(
                        place.country,
                        toponym.span,
                        zones.weight(start) * PLACE_EVIDENCE,
                        zones.zone(start) == "title",
                    )
                )
        for toponym in outside:
            if toponym.country is not None:
                weight = ZONE_WEIGHTS["title"] * KIND_WEIGHTS[toponym.kind or NameKind.NAME]
                evidence.append(CountryEvidence(toponym.country, None, weight, True))
        return self.focus.mentions(evidence)


def _dateline_is_a_place(toponyms: list[Toponym], dateline: Dateline | None) -> list[Toponym]:
    """The town a dateline names is a place, whatever else its name may mean ("HOUSTON")."""
    if dateline is None:
        return toponyms
    return [
        replace(t, tentative=False) if t.tentative and t.span.overlaps(dateline.place_span) else t
        for t in toponyms
    ]


def _names_its_country(toponym: Toponym, place: Place | None) -> bool:
    """A country's, a capital's or a town's name ("Lebanon", "Paris") speaks for its country
    only when the text resolved it there, not to a namesake ("Lebanon, N.H.", "Paris, Texas")."""
    if place is None or place.is_country:
        return True
    return place.own_country == toponym.country


def _speaks_for_country(place: Place) -> bool:
    """Towns, divisions, sites and regions lie in their country; seas and ranges may not."""
    return not place.multinational and place.feature_class in ("P", "A", "S", "L")


def _within_dateline(span: Span, dateline: Dateline) -> bool:
    spans = [dateline.place_span]
    if dateline.qualifier_span is not None:
        spans.append(dateline.qualifier_span)
    return any(span.overlaps(s) for s in spans)


def _mention(text: str, toponym: Toponym, place: Place, shown: ShownNames) -> PlaceMention:
    span = toponym.span
    written = text[span.start : span.end]
    return PlaceMention(
        span.start,
        span.end,
        written,
        shown.of(written, toponym.key, place),
        place.geonameid,
        place.lat,
        place.lon,
        place.own_country,
        place.admin1,
        place.feature,
    )


@cache
def default_geoparser() -> StandardGeoparser:
    """The process-wide geoparser; the gazetteer loads on first call (well under a second
    once its cache file exists, about ten seconds the very first time)."""
    return StandardGeoparser(default_gazetteer())
