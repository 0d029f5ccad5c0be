"""The geotag stage: which countries an article mentions, which it is about, and their regions.

A country's score grows with each mention, and a mention counts for more in the title, the
dateline and the lead than deep in the body; names count for more than demonyms, capitals and
cities. The countries scoring at least ``FOCUS_THRESHOLD`` are the article's focus; when none
does, the strongest ones are, if they score at least ``FALLBACK_FOCUS``. Weights were tuned
on Reuters-21578 (bench/eval_countries.py) and rounded.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import ClassVar

from worldbrief.domain import Article, CountryMention, RegionMention, Span
from worldbrief.geo.country_mentions import CountryHit, CountryRecognizer
from worldbrief.geo.country_names import NameKind
from worldbrief.geo.dateline import Dateline, find_dateline
from worldbrief.geo.major_cities import MajorCityIndex
from worldbrief.geo.regions import RegionTaxonomy

FOCUS_THRESHOLD = 0.6
FALLBACK_FOCUS = 0.35
LEAD_SENTENCES = 2
LEAD_MAX_CHARS = 400
ZONE_WEIGHTS = {"title": 0.9, "dateline": 0.65, "lead": 0.4, "body": 0.25}
KIND_WEIGHTS = {
    NameKind.NAME: 1.0,
    NameKind.ALIAS: 1.0,
    NameKind.ABBREVIATION: 1.0,
    NameKind.HISTORICAL: 1.0,
    NameKind.DEMONYM: 0.6,
    NameKind.CAPITAL: 0.6,
    NameKind.CITY: 0.4,
    NameKind.PLACE: 0.4,
}
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\"'(])|\n\s*\n")


@dataclass(frozen=True, slots=True)
class _Evidence:
    code: str
    span: Span
    weight: float


class CountryTagger:
    """Pipeline stage ``geotag``: assigns ``enrichment.countries`` and ``enrichment.regions``."""

    name: ClassVar[str] = "geotag"
    requires: ClassVar[frozenset[str]] = frozenset({"plain_text"})
    assigns: ClassVar[frozenset[str]] = frozenset({"enrichment.countries", "enrichment.regions"})

    def __init__(self, taxonomy: RegionTaxonomy | None = None) -> None:
        self.taxonomy = taxonomy or RegionTaxonomy.load_default()
        self._recognizer = CountryRecognizer()

    def __call__(self, article: Article) -> Article:
        text, title = article.plain_text, article.title.strip()
        body_start = len(title) + 2 if title and text.startswith(title) else 0
        countries, regions = self._tag(text, body_start)
        enrichment = replace(article.enrichment, countries=countries, regions=regions)
        return replace(article, enrichment=enrichment)

    def tag_text(
        self, text: str, title: str | None = None
    ) -> tuple[tuple[CountryMention, ...], tuple[RegionMention, ...]]:
        """Tag a body without an Article. With a title, spans are offsets into
        ``title + "\\n\\n" + text``, the way ``Article.plain_text`` is composed."""
        if title:
            return self._tag(f"{title}\n\n{text}", len(title) + 2)
        return self._tag(text, 0)

    def _tag(
        self, text: str, body_start: int
    ) -> tuple[tuple[CountryMention, ...], tuple[RegionMention, ...]]:
        title_case_end = body_start if _is_title_case(text[:body_start]) else 0
        hits = self._recognizer.find(text, title_case_end)
        dateline = find_dateline(text, body_start)
        evidence: list[_Evidence] = []
        lead_start = body_start
        if dateline is not None:
            lead_start = dateline.place_span.end
            code = self._dateline_country(dateline)
            if code is not None:
                span = dateline.place_span
                evidence.append(_Evidence(code, span, ZONE_WEIGHTS["dateline"]))
                hits = [h for h in hits if not _within_dateline(h.span, dateline)]
        lead_end = _lead_end(text, lead_start)
        for hit in hits:
            zone = _zone(hit, body_start, lead_end)
            weight = ZONE_WEIGHTS[zone] * KIND_WEIGHTS[hit.name.kind]
            evidence.append(_Evidence(hit.code, hit.span, weight))
        return self._mentions(evidence)

    def _dateline_country(self, dateline: Dateline) -> str | None:
        names = self._recognizer.table
        if dateline.qualifier:
            code = names.dateline_qualifiers.get(dateline.qualifier.casefold())
            named = names.lookup(dateline.qualifier.rstrip("."))
            if code or named:
                return code or (named.code if named else None)
        named = names.lookup(dateline.place)
        if named is not None:
            return named.code
        return MajorCityIndex.load_default().country_of(dateline.place)

    def _mentions(
        self, evidence: list[_Evidence]
    ) -> tuple[tuple[CountryMention, ...], tuple[RegionMention, ...]]:
        by_code: dict[str, list[_Evidence]] = defaultdict(list)
        for item in evidence:
            if self.taxonomy.find_country(item.code) is not None:
                by_code[item.code].append(item)
        scores = {code: _combined(items) for code, items in by_code.items()}
        ranked = sorted(scores, key=lambda code: (-scores[code], by_code[code][0].span.start))
        focus = {code for code in ranked if scores[code] >= FOCUS_THRESHOLD}
        if not focus and ranked and scores[ranked[0]] >= FALLBACK_FOCUS:
            focus = {code for code in ranked if scores[code] >= scores[ranked[0]] - 1e-9}
        mentions = [
            CountryMention(
                code,
                self.taxonomy.country(code).name,
                round(scores[code], 3),
                code in focus,
                tuple(sorted({item.span for item in by_code[code]})),
            )
            for code in ranked
        ]
        regions: dict[str, RegionMention] = {}
        for mention in mentions:
            if mention.focus:
                for region in self.taxonomy.regions_for(mention.code):
                    regions.setdefault(region.id, RegionMention(region.id, region.name))
        return tuple(mentions), tuple(regions.values())


def _combined(items: list[_Evidence]) -> float:
    """Independent pieces of evidence: the chance that at least one of them is right."""
    miss = 1.0
    for item in items:
        miss *= 1.0 - item.weight
    return 1.0 - miss


def _is_title_case(title: str) -> bool:
    words = [w for w in title.split() if w[:1].isalpha()]
    if len(words) < 3:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= 0.75 * len(words)


def _lead_end(text: str, start: int) -> int:
    position = start
    for _ in range(LEAD_SENTENCES):
        match = _SENTENCE_END.search(text, position)
        if match is None:
            return len(text)
        position = match.end()
    return min(position, start + LEAD_MAX_CHARS)


def _zone(hit: CountryHit, body_start: int, lead_end: int) -> str:
    if hit.span.start < body_start:
        return "title"
    return "lead" if hit.span.start < lead_end else "body"


def _within_dateline(span: Span, dateline: Dateline) -> bool:
    spans = [dateline.place_span]
    if dateline.qualifier_span is not None:
        spans.append(dateline.qualifier_span)
    return any(span.overlaps(s) for s in spans)
