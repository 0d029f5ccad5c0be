"""Document focus: which countries a text is about, and which it merely mentions.

A country's score grows with each piece of evidence, and evidence counts for more in the title,
the dateline and the lead than deep in the body; country names count for more than demonyms,
capitals and other places. Countries scoring at least ``FOCUS_THRESHOLD`` are the focus; when
none does, the strongest are, if they reach ``FALLBACK_FOCUS``. Weights were tuned on
Reuters-21578 (bench/eval_countries.py) and rounded.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from worldbrief.domain import CountryMention, RegionMention, Span
from worldbrief.geo.country_names import NameKind
from worldbrief.geo.regions import RegionTaxonomy

FOCUS_THRESHOLD = 0.6
FALLBACK_FOCUS = 0.1  # any real evidence: a text about somewhere should name a focus
SECONDARY_SHARE = 0.25  # a secondary focus country needs this share of the leader's evidence
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
class CountryEvidence:
    code: str
    span: Span | None  # None for evidence outside the text (a title given apart from it)
    weight: float
    prominent: bool = False  # in the title or the dateline


@dataclass(frozen=True, slots=True)
class Zones:
    """Where the title ends and the lead ends, in the text's offsets."""

    body_start: int
    lead_end: int

    @classmethod
    def of(cls, text: str, body_start: int, lead_start: int) -> Zones:
        return cls(body_start, lead_end(text, lead_start))

    def zone(self, start: int) -> str:
        if start < self.body_start:
            return "title"
        return "lead" if start < self.lead_end else "body"

    def weight(self, start: int) -> float:
        return ZONE_WEIGHTS[self.zone(start)]


class FocusScorer:
    def __init__(self, taxonomy: RegionTaxonomy) -> None:
        self.taxonomy = taxonomy

    def mentions(
        self, evidence: list[CountryEvidence]
    ) -> tuple[tuple[CountryMention, ...], tuple[RegionMention, ...]]:
        by_code: dict[str, list[CountryEvidence]] = defaultdict(list)
        for item in evidence:
            if self.taxonomy.find_country(item.code) is not None:
                by_code[item.code].append(item)
        scores = {code: combined(items) for code, items in by_code.items()}
        mass = {code: sum(item.weight for item in items) for code, items in by_code.items()}
        ranked = sorted(
            scores, key=lambda code: (-mass[code], -scores[code], _first_start(by_code[code]))
        )
        most = mass[ranked[0]] if ranked else 0.0
        # A country named in passing, as a neighbour of the main one, is context, not focus;
        # one in the title or the dateline stays a candidate.
        prominent = {item.code for item in evidence if item.prominent}
        focus = {
            code
            for code in ranked
            if scores[code] >= FOCUS_THRESHOLD
            and (mass[code] >= SECONDARY_SHARE * most or code in prominent)
        }
        if not focus and ranked and scores[ranked[0]] >= FALLBACK_FOCUS:
            focus = {code for code in ranked if mass[code] >= most - 1e-9}
        primary = next((code for code in ranked if code in focus), None)
        mentions = [
            CountryMention(
                code,
                self.taxonomy.country(code).name,
                round(scores[code], 3),
                code in focus,
                tuple(sorted({item.span for item in by_code[code] if item.span is not None})),
                code == primary,
            )
            for code in ranked
        ]
        regions: dict[str, RegionMention] = {}
        for mention in mentions:
            if mention.focus:
                for region in self.taxonomy.regions_for(mention.code):
                    regions.setdefault(region.id, RegionMention(region.id, region.name))
        return tuple(mentions), tuple(regions.values())


def _first_start(items: list[CountryEvidence]) -> int:
    return min((item.span.start for item in items if item.span is not None), default=-1)


def combined(items: list[CountryEvidence]) -> float:
    """Independent pieces of evidence: the chance that at least one of them is right."""
    miss = 1.0
    for item in items:
        miss *= 1.0 - item.weight
    return 1.0 - miss


def is_title_case(title: str) -> bool:
    words = [w for w in title.split() if w[:1].isalpha()]
    if len(words) < 3:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= 0.75 * len(words)


def lead_end(text: str, start: int) -> int:
    position = start
    for _ in range(LEAD_SENTENCES):
        match = _SENTENCE_END.search(text, position)
        if match is None:
            return len(text)
        position = match.end()
    return min(position, start + LEAD_MAX_CHARS)
