"""Recognise the countries a text names, keeping only readings the context supports.

Rules, in order: phrases such as "Indian Ocean" hide the country inside them; names that are
also people's names ("Jordan", "Chad") are refused inside a run of capitalised words and, for
the riskiest, need a place cue or corroboration; "Georgia" yields to the US state in American
news; a name shared by two countries ("Congo") goes to the one the text otherwise supports.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from worldbrief.domain import Span
from worldbrief.geo.country_names import CountryName, CountryNameTable
from worldbrief.geo.name_matcher import NameMatch, NameMatcher

# Words before a place name that make it a place ("in Jordan", "neighbouring Chad").
_CUE_TEXT = """in to from of into across with and or between neighbouring neighboring visit visited
    visiting against via toward towards including northern southern eastern western central
    both for at throughout inside outside near by than"""
PLACE_CUES = frozenset(_CUE_TEXT.split())
# Capitalised words that start a sentence or a title without starting a person's name.
_FUNCTION_TEXT = """the a an but as when while after before since unlike like only even also
    meanwhile neither nor where if said says today yesterday"""
FUNCTION_WORDS = PLACE_CUES | frozenset(_FUNCTION_TEXT.split())


@dataclass(frozen=True, slots=True)
class CountryHit:
    """One mention of a country in the text, with the name form that matched."""

    code: str
    name: CountryName
    span: Span
    text: str


class CountryRecognizer:
    """Built once (about 4,000 name forms); ``find`` is then cheap and pure."""

    def __init__(self, table: CountryNameTable | None = None) -> None:
        self.table = table or CountryNameTable.load_default()
        entries: list[tuple[str, CountryName | None]] = list(self.table.by_text.items())
        entries += [(text, None) for text in self.table.not_countries]
        self._matcher: NameMatcher[CountryName | None] = NameMatcher(entries)
        self._name_like = frozenset(n.casefold() for n in self.table.name_like)
        self._needs_support = frozenset(n.casefold() for n in self.table.needs_support)
        self._yields_to = {k.casefold(): v for k, v in self.table.yields_to.items()}

    def find(
        self,
        text: str,
        title_case_end: int = 0,
        matches: list[NameMatch[CountryName | None]] | None = None,
    ) -> list[CountryHit]:
        """Country mentions in reading order. ``text[:title_case_end]`` is a Title Case
        headline, where every word is capitalised and so capitals say nothing about names.
        ``matches``: this text's ``matches()``, when the caller has them already."""
        found = self._matcher.find(text) if matches is None else matches
        matches = [m for m in found if m.value is not None]
        kept = [m for m in matches if not self._inside_proper_name(text, m, title_case_end)]
        return self._resolve(text, kept)

    def matches(self, text: str) -> list[NameMatch[CountryName | None]]:
        """Every written country name in the text before any context rule refuses one, and the
        phrases that hide one ("Indian Ocean", "French fries"; their ``value`` is None)."""
        return self._matcher.find(text)

    def in_proper_name(
        self, text: str, match: NameMatch[CountryName | None], title_case_end: int = 0
    ) -> bool:
        """True when a name that is also a person's sits among capitalised words here
        ("Georgia Stevens", "Michael Jordan")."""
        return self._inside_proper_name(text, match, title_case_end)

    def yields(self, text: str) -> bool:
        """True for names with another reading in some country's news ("Georgia")."""
        return text.casefold() in self._yields_to

    def _inside_proper_name(
        self, text: str, match: NameMatch[CountryName | None], title_case_end: int
    ) -> bool:
        if match.text.casefold() not in self._name_like or match.start < title_case_end:
            return False
        if match.text.isupper():
            return False
        before = _word_before(text, match.start)
        after = _word_after(text, match.end)
        return any(
            word is not None and word[:1].isupper() and word.casefold() not in FUNCTION_WORDS
            for word in (before, after)
        )

    def _resolve(self, text: str, matches: list[NameMatch[CountryName | None]]) -> list[CountryHit]:
        named = [(m, m.value) for m in matches if m.value is not None]
        # Evidence that needs no corroboration: plain names, one reading, no special rule.
        solid = Counter(
            name.code for m, name in named if not name.alternatives and not self._is_guarded(m.text)
        )
        repeats = Counter(m.text.casefold() for m, _ in named)
        hits: list[CountryHit] = []
        for match, name in named:
            key = match.text.casefold()
            if key in self._needs_support and not (
                solid[name.code]
                or repeats[key] > 1
                or (_word_before(text, match.start) or "").casefold() in PLACE_CUES
            ):
                continue
            other = self._yields_to.get(key)
            if other is not None and solid[other] and not solid[name.code]:
                continue
            code = next((c for c in name.codes if solid[c]), name.code)
            hits.append(CountryHit(code, name, Span(match.start, match.end), match.text))
        return hits

    def _is_guarded(self, text: str) -> bool:
        key = text.casefold()
        return key in self._needs_support or key in self._yields_to


def _word_before(text: str, start: int) -> str | None:
    """The word just before ``start`` if only whitespace separates them."""
    index = start - 1
    while index >= 0 and text[index].isspace():
        index -= 1
    if index == start - 1 or index < 0 or not text[index].isalnum():
        return None
    end = index + 1
    while index >= 0 and (text[index].isalnum() or text[index] in ".'-"):
        index -= 1
    return text[index + 1 : end]


def _word_after(text: str, end: int) -> str | None:
    """The word just after ``end`` if only whitespace separates them."""
    index = end
    while index < len(text) and text[index].isspace():
        index += 1
    if index == end or index >= len(text) or not text[index].isalnum():
        return None
    start = index
    while index < len(text) and text[index].isalnum():
        index += 1
    return text[start:index]
