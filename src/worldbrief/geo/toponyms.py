"""Toponym recognition: which spans of a text name places.

Countries come from ``CountryRecognizer`` (with its rules for "Jordan", "Chad", "Georgia").
Other places are runs of capitalised words ("Fergana Valley", "Rio de Janeiro") whose longest
pieces the gazetteer knows, kept only when they do not look like part of a person's or an
organisation's name, a month, or a common word that starts a sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from worldbrief.domain import Span
from worldbrief.geo.counties import county_key
from worldbrief.geo.country_mentions import FUNCTION_WORDS, CountryHit, CountryRecognizer
from worldbrief.geo.country_names import CountryName, NameKind
from worldbrief.geo.gazetteer import Gazetteer
from worldbrief.geo.name_matcher import NameMatch
from worldbrief.geo.place_names import name_key
from worldbrief.geo.place_words import (
    COMMON_CAPITALISED,
    CONNECTORS,
    COUNTY_WORDS,
    FEATURE_WORDS,
    LIST_WORDS,
    NAME_PARTICLES,
    PERSON_TITLES,
    PLACE_CUES,
    PLACE_TYPE_WORDS,
    common_words,
)
from worldbrief.geo.work import current_tally

MAX_NAME_WORDS = 6
# Capitalised words before a name that do not make it a person's ("In Boise", "The Hague").
_NOT_FIRST_NAMES = PLACE_TYPE_WORDS | COMMON_CAPITALISED | PLACE_CUES | FUNCTION_WORDS
_CONTRACTION = re.compile(r"['’](?:ll|m|re|ve|d|t)$")
_TOWN_KINDS = {NameKind.CAPITAL, NameKind.CITY, NameKind.PLACE}
MIN_BARE_IMPORTANCE = 4.0  # a lone small place name (under ~10,000 people) needs a cue
STRONG_IMPORTANCE = 6.5  # a capital or a city of millions: its name is rarely anything else
ORGANISATION_IMPORTANCE = 5.5  # "Toronto Police", "Kentucky Department": kept as places
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:['’\-](?![sS]\b)[^\W\d_]+)*\.?")
_SENTENCE_END = re.compile(r"[.!?:;\"“”]\s*$|^\s*$|\n\s*$")
_FEATURE_TITLES = frozenset(word.title() for word in FEATURE_WORDS)
_FEATURE_AFTER = re.compile(r"[ ]+(?:" + "|".join(sorted(_FEATURE_TITLES)) + r")\b")
_SENTENCE_OPENING = re.compile(r"(?:[.!?][\"”’']?\s+|^\s*|\n\s*)$")
_LOWERCASE_WORD = re.compile(r"\b[a-z]+\b")
_ASCII_CAPITAL = re.compile(r"[A-Z]")
_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w.'’]*)\s+$")
KEY_FACTS_CACHED = 65_536  # gazetteer facts kept per name key, across texts


@dataclass(frozen=True, slots=True)
class Toponym:
    """A span that names a place; ``country`` is set when it names a country outright."""

    span: Span
    text: str
    key: str
    country: str | None = None
    kind: NameKind | None = None  # the country-name kind, for names of countries
    tentative: bool = False  # kept only if the rest of the text supports its country
    partial: bool = False  # the key reads only part of it: "Metcalfe County" as "Metcalfe"
    county: str = ""  # for a county ("Limestone County"), its name's key ("limestone")


@dataclass(frozen=True, slots=True)
class _NameFacts:
    """What the gazetteer says of a name key, whatever the text around it."""

    best: float  # the best importance of its readings, alternate names counting less
    major: bool  # one reading is a country, a first-level division or a continent
    continental: bool
    by_other_name_only: bool  # every reading has it as an alternate name only


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    text: str

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


class ToponymRecognizer:
    def __init__(self, gazetteer: Gazetteer, countries: CountryRecognizer | None = None) -> None:
        self.gazetteer = gazetteer
        self.countries = countries or CountryRecognizer()
        self.common_words = common_words()
        self._facts = lru_cache(maxsize=KEY_FACTS_CACHED)(self._gazetteer_facts)

    def find(self, text: str, title_case_end: int = 0) -> list[Toponym]:
        """Place mentions in reading order, without overlaps."""
        matches = self.countries.matches(text)
        country_hits = self.countries.find(text, title_case_end, matches)
        people = self._people(text, title_case_end, matches)
        found = [
            _feature_after(text, hit) or _country_toponym(hit)
            for hit in country_hits
            if hit.text.casefold() not in people
            and (hit.name.kind not in _TOWN_KINDS or not _after_person_title(text, hit.span.start))
        ]
        taken = _SpanIndex(t.span for t in found)
        refused = _SpanIndex(self._refused_country_spans(text, country_hits, matches))
        swallowed: set[Span] = set()  # country names inside a longer place ("Lake Malawi")
        lowercase_words = _lowercase_words(text)
        person_keys = {name_key(person) for person in people}
        candidates: list[Toponym] = []
        for run in _capitalised_runs(text):
            named = self._longest_names(text, run)
            pieces = self._places_among(text, run, named)
            for first, last in named:
                span = Span(run[first].start, _strip_dot(text, run[first].start, run[last].end))
                if taken.overlaps(span) or refused.overlaps(span):
                    inside = taken.within(span) + refused.within(span)
                    if last == first or not inside or taken.crosses(span) or refused.crosses(span):
                        continue
                    # A longer place holds the country's name: "Lake Malawi", "Panama City".
                    swallowed.update(inside)
                key = name_key(text[span.start : span.end])
                if _is_feature_word(run, last + 1):
                    # "Tennessee River": a feature the gazetteer lacks, not the state.
                    whole = Span(span.start, run[last + 1].end)
                    candidates.append(
                        Toponym(whole, text[whole.start : whole.end], "", partial=True)
                    )
                    continue
                if _is_county_word(run, last + 1):
                    # "Metcalfe County": the county word makes it a place, read through its name.
                    whole = Span(span.start, run[last + 1].end)
                    candidates.append(
                        Toponym(whole, text[whole.start : whole.end], key, partial=True, county=key)
                    )
                    continue
                verdict = self._judge(
                    text, run, first, last, span, key, title_case_end, lowercase_words, pieces
                )
                if verdict == "person":
                    person_keys.add(key)
                elif verdict in ("place", "tentative"):
                    written = text[span.start : span.end]
                    candidates.append(Toponym(span, written, key, tentative=verdict == "tentative"))
            county = _unknown_county(text, run, named)
            if county is not None and not taken.overlaps(county):
                written = text[county.start : county.end]
                candidates.append(
                    Toponym(county, written, "", partial=True, county=county_key(written))
                )
        # One sense per text: a name seen as a person's ("Mr. Paris") is a person's throughout.
        if swallowed:
            found = [t for t in found if t.span not in swallowed]
        found += [t for t in candidates if t.key not in person_keys]
        return sorted(found, key=lambda t: t.span.start)

    def _people(
        self, text: str, title_case_end: int, matches: list[NameMatch[CountryName | None]]
    ) -> set[str]:
        """Country names the text shows to be people's; one sense per text: once "Georgia
        Stevens" appears, "Georgia" alone is her too."""
        return {
            m.text.casefold()
            for m in matches
            if m.value is not None
            and self.countries.in_proper_name(text, m, title_case_end)
            and not _names_an_organisation(text, m.end)
        }

    def _refused_country_spans(
        self, text: str, hits: list[CountryHit], matches: list[NameMatch[CountryName | None]]
    ) -> list[Span]:
        """Country names refused as people's names; a name that yields to another reading
        ("Georgia" in American news) stays open to the gazetteer."""
        accepted = {(h.span.start, h.span.end) for h in hits}
        return [
            Span(m.start, m.end)
            for m in matches
            if (m.start, m.end) not in accepted
            and not (m.value is None and self.gazetteer.has_key(name_key(m.text)))
            and not self.countries.yields(m.text)
        ]

    def _places_among(self, text: str, run: list[_Token], named: list[tuple[int, int]]) -> _Pieces:
        """The pieces of a run that are places in their own right (towns of some size), so
        that a list of them reads as a list: "Goma and Bukavu", not "Riley and Eva"."""
        if len(named) < 2:
            return _Pieces.none()
        strong = []
        for first, last in named:
            key = name_key(text[run[first].start : run[last].end])
            if self.gazetteer.has_key(key) and self._facts(key).best >= MIN_BARE_IMPORTANCE:
                strong.append((first, last))
        return _Pieces.of(strong)

    def _longest_names(self, text: str, run: list[_Token]) -> list[tuple[int, int]]:
        if len(run) == 1:  # most runs: one capitalised word, its own key
            tally = current_tally()
            if tally is not None:
                tally.name_keys += 1
            word = run[0].text
            if word.casefold() in CONNECTORS or not self.gazetteer.has_key(name_key(word)):
                return []
            return [(0, 0)]
        keys = _RunKeys(text, run)
        connector = [token.text.casefold() in CONNECTORS for token in run]
        names: list[tuple[int, int]] = []
        first = 0
        while first < len(run):
            if connector[first]:
                first += 1
                continue
            for last in range(min(len(run), first + MAX_NAME_WORDS) - 1, first - 1, -1):
                if connector[last]:
                    continue
                if self.gazetteer.has_key(keys.of(first, last)):
                    names.append((first, last))
                    first = last + 1
                    break
            else:
                first += 1
        return names

    def _judge(
        self,
        text: str,
        run: list[_Token],
        first: int,
        last: int,
        span: Span,
        key: str,
        title_case_end: int,
        lowercase_words: set[str],
        pieces: _Pieces,
    ) -> str:
        """The verdict on the name ``run[first..last]``: "place", "tentative", "person", "no"."""
        before = _previous_word(text, span.start)  # read once: a title, else perhaps a cue
        if _is_person_title(before):
            return "person"
        facts = self._facts(key)
        best, major = facts.best, facts.major
        cue = before is not None and before.casefold() in PLACE_CUES
        qualified = _followed_by_qualifier(text, span)
        written = text[span.start : span.end]
        acronym = written.isupper() and len(key.replace(" ", "")) <= 5
        abbreviated = len(key) <= 2 or (written.endswith(".") and len(written) <= 5) or acronym
        if abbreviated and not (_follows_comma(text, span) or facts.continental):
            return "no"  # "Ga.", "NC", "Miss.": a state after a town and a comma; else an acronym
        if last > first:
            return "place"  # names of two words or more are rarely anything else
        word = run[first].text.rstrip(".").casefold()
        if word in COMMON_CAPITALISED or _CONTRACTION.search(word):
            return "no"
        if span.start >= title_case_end:
            earlier = _name_before(text, run, first, pieces)
            cue = cue or earlier == "list"
            if earlier == "person" and not major:
                return "person"  # "John Allen", "Xie Chen": the same name is a person's throughout
            later = _name_after(run, last, pieces)
            joined = earlier in ("person", "organisation") or later
            if joined and best < ORGANISATION_IMPORTANCE and not major:
                return "no"  # "Commerce Department", "Noma Bar": part of another name
        at_sentence_start = _SENTENCE_END.search(text[max(0, span.start - 3) : span.start])
        if at_sentence_start and facts.by_other_name_only and not (major or cue or qualified):
            return "no"  # a sentence's first word, matching only some town's other name
        if word in lowercase_words and (at_sentence_start or not major):
            return "no"  # the text also writes it as a common word
        if word in self.common_words and best < STRONG_IMPORTANCE and not major:
            # A frequent English word or name that is also some town; a village needs a cue.
            return "tentative" if cue or qualified or best >= MIN_BARE_IMPORTANCE else "no"
        if cue or qualified:
            return "place"
        return "place" if best >= MIN_BARE_IMPORTANCE else "no"

    def _gazetteer_facts(self, key: str) -> _NameFacts:
        candidates = self.gazetteer.candidates_for_key(key)
        return _NameFacts(
            best=max(c.place.importance - 1.5 * c.alternate for c in candidates),
            major=any(
                c.place.is_country or c.place.is_admin1 or c.place.feature == "L.CONT"
                for c in candidates
            ),
            continental=any(c.place.feature == "L.CONT" for c in candidates),
            by_other_name_only=all(c.alternate for c in candidates),
        )


class _SpanIndex:
    """Spans already taken or refused; whether a span overlaps one is a binary search, so a
    text naming thousands of places costs no more per name than a short one."""

    def __init__(self, spans: Iterable[Span]) -> None:
        ordered = sorted(spans, key=lambda s: s.start)
        self._spans = ordered
        self._starts = [s.start for s in ordered]
        self._reach: list[int] = []  # the furthest end among the spans up to each one
        for span in ordered:
            self._reach.append(max(span.end, self._reach[-1] if self._reach else 0))

    def within(self, span: Span) -> list[Span]:
        """The spans lying inside ``span``, which strictly contains each of them."""
        low = bisect_left(self._starts, span.start)
        high = bisect_left(self._starts, span.end)
        return [
            s
            for s in self._spans[low:high]
            if s.end <= span.end and (s.start, s.end) != (span.start, span.end)
        ]

    def crosses(self, span: Span) -> bool:
        """Some span overlaps ``span`` without lying inside it."""
        before = bisect_left(self._starts, span.start) - 1
        if before >= 0 and self._reach[before] > span.start:
            return True
        high = bisect_left(self._starts, span.end)
        low = bisect_left(self._starts, span.start)
        return any(s.end > span.end for s in self._spans[low:high])

    def overlaps(self, span: Span) -> bool:
        tally = current_tally()
        if tally is not None:
            tally.comparisons += 1
        before = bisect_left(self._starts, span.end) - 1  # the last span starting before its end
        return before >= 0 and self._reach[before] > span.start


class _RunKeys:
    """Gazetteer keys of the pieces of a run of words, from each word's key computed once:
    a piece's key is its words' keys joined, as ``name_key`` would make it from the text."""

    def __init__(self, text: str, run: list[_Token]) -> None:
        self._text = text
        self._run = run
        self._words = [name_key(token.text) for token in run]
        # Words glued without a space ("U.S.Army") are keyed from the text itself.
        self._spaced = [
            i == 0 or text[run[i - 1].end : run[i].start] == " " for i in range(len(run))
        ]
        # Most runs are plain words one space apart: their pieces' keys are simple joins.
        self._plain = all(self._spaced) and all(self._words)
        tally = current_tally()
        if tally is not None:
            tally.name_keys += len(run)

    def of(self, first: int, last: int) -> str:
        if self._plain:
            return " ".join(self._words[first : last + 1])
        if all(self._spaced[first + 1 : last + 1]):
            return " ".join(word for word in self._words[first : last + 1] if word)
        tally = current_tally()
        if tally is not None:
            tally.name_keys += 1
        return name_key(self._text[self._run[first].start : self._run[last].end])


def _names_an_organisation(text: str, end: int) -> bool:
    """The capitalised word after is an organisation's: "Washington Post", "Jordan Times"."""
    after = re.match(r"\s+([A-Z][a-z]+)", text[end : end + 30])
    return after is not None and after.group(1).casefold() in COMMON_CAPITALISED


def _is_feature_word(run: list[_Token], index: int) -> bool:
    return index < len(run) and run[index].text in _FEATURE_TITLES


def _feature_after(text: str, hit: CountryHit) -> Toponym | None:
    """A country's or state's name that names a feature: "Tennessee River", "Congo Basin"."""
    match = _FEATURE_AFTER.match(text, hit.span.end)
    if match is None:
        return None
    whole = Span(hit.span.start, match.end())
    return Toponym(whole, text[whole.start : whole.end], "", partial=True)


def _is_county_word(run: list[_Token], index: int) -> bool:
    return index < len(run) and run[index].text.rstrip(".").casefold() in COUNTY_WORDS


def _unknown_county(text: str, run: list[_Token], named: list[tuple[int, int]]) -> Span | None:
    """A county the gazetteer lacks ("Cuyahoga County"): a place all the same, its text's."""
    name_ends = {last for _, last in named}
    tally = current_tally()
    for index in range(1, len(run)):
        if tally is not None:
            tally.comparisons += 1
        if _is_county_word(run, index) and index - 1 not in name_ends:
            previous = run[index - 1]
            if previous.capitalised and previous.text.casefold() not in COMMON_CAPITALISED:
                return Span(previous.start, run[index].end)
    return None


def _name_before(text: str, run: list[_Token], first: int, pieces: _Pieces) -> str | None:
    """What the words before ``run[first]`` in its run make of it: "person" after a first name
    or a name particle ("John Allen", "Charles de Gaulle"), "organisation" after a connector
    inside a longer name ("Department of Justice", "Lord and Levi"), None when nothing
    binds them ("Residents of Taraz": a sentence's start); "list" after a place and "and"
    ("Goma and Bukavu"), which reads like a place cue."""
    index = first - 1
    if index < 0:
        return None
    word = run[index].text.casefold()
    if run[index].capitalised:
        return "person" if word.rstrip(".") not in _NOT_FIRST_NAMES else None
    if word in LIST_WORDS:
        if index - 1 in pieces.ends:
            return "list"
        return "organisation"
    if word in NAME_PARTICLES and _capitalised_before(run, index):
        return "person"
    head = index - 1
    while head >= 0 and not run[head].capitalised:
        head -= 1
    if head < 0 or run[head].text.rstrip(".").casefold() in _NOT_FIRST_NAMES:
        return None
    if head == 0 and _SENTENCE_OPENING.search(text[max(0, run[0].start - 4) : run[0].start]):
        return None  # capitalised only because it opens the sentence
    return "organisation"


def _name_after(run: list[_Token], last: int, pieces: _Pieces) -> bool:
    """Words after the name continue another name ("Commerce Department", "Star of
    Honolulu"), unless they are a place type ("Osh Region") or the list goes on with a place."""
    index = last + 1
    if index >= len(run):
        return False
    word = run[index].text.casefold()
    if run[index].capitalised:
        return word not in PLACE_TYPE_WORDS
    if word in LIST_WORDS:
        return index + 1 not in pieces.starts
    while index < len(run) and not run[index].capitalised:
        index += 1
    # "Huntsville on Monday", "Goma in March": the words after are not part of a name.
    return index < len(run) and run[index].text.rstrip(".").casefold() not in COMMON_CAPITALISED


@dataclass(frozen=True, slots=True)
class _Pieces:
    """Where the gazetteer's names start and end in a run (word indexes)."""

    starts: frozenset[int]
    ends: frozenset[int]

    @classmethod
    def of(cls, named: list[tuple[int, int]]) -> _Pieces:
        return cls(frozenset(f for f, _ in named), frozenset(last for _, last in named))

    @classmethod
    def none(cls) -> _Pieces:
        return _NO_PIECES


_NO_PIECES = _Pieces(frozenset(), frozenset())  # shared: most runs hold fewer than two names


def _capitalised_before(run: list[_Token], first: int) -> bool:
    """A capitalised word stands before the name in its run, connectors aside."""
    index = first - 1
    while index >= 0 and not run[index].capitalised:
        index -= 1
    return index >= 0 and run[index].text.rstrip(".").casefold() not in _NOT_FIRST_NAMES


def _country_toponym(hit: CountryHit) -> Toponym:
    return Toponym(hit.span, hit.text, name_key(hit.text), hit.code, hit.name.kind)


def _capitalised_runs(text: str) -> Iterator[list[_Token]]:
    """Runs of capitalised words (with connectors such as "of", "de" inside) on one line,
    separated by nothing but spaces; one at a time, so a long text is never held as tokens."""
    # Between runs only a capitalised word matters, so in ASCII text (where that is [A-Z]) the
    # walk jumps to the next capital, resuming at the last space before it (never inside a
    # word); other texts are walked word by word. No token is made for a lower-case word.
    skipping = text.isascii()
    current: list[_Token] = []
    previous_end = -1
    position = 0
    while True:
        if skipping:
            capital = _ASCII_CAPITAL.search(text, position)
            if capital is None:
                return
            position = max(position, text.rfind(" ", position, capital.start()))
        for match in _TOKEN.finditer(text, position):
            word = match.group()
            start = match.start()
            if word[0].isupper() or (current and word.casefold() in CONNECTORS):
                last = current[-1].text if current else ""
                joined = (
                    previous_end >= 0
                    and text[previous_end:start] in (" ", "")
                    and not (last.endswith(".") and len(last) > 4)
                )
                if joined or word[0].isupper():
                    if current and not joined:
                        if run := _trim(current):
                            yield run
                        current = []
                    current.append(_Token(start, match.end(), word))
                else:  # a connector that does not join the run ends it
                    if run := _trim(current):
                        yield run
                    current = []
            elif current:
                if run := _trim(current):
                    yield run
                current = []
            previous_end = match.end()
            if skipping and not current:
                position = previous_end
                break
        else:
            if current and (run := _trim(current)):
                yield run
            return


def _trim(run: list[_Token]) -> list[_Token]:
    """The run without the connectors that end it ("Paris of the" is "Paris")."""
    end = len(run)
    tally = current_tally()
    while end and not run[end - 1].capitalised:
        end -= 1
        if tally is not None:
            tally.comparisons += 1
    return run if end == len(run) else run[:end]


def _strip_dot(text: str, start: int, end: int) -> int:
    """A name's span ends before a full stop, unless the dot is part of it ("U.S.", "St.")."""
    word = text[start:end].split()[-1] if text[start:end].split() else ""
    if text[end - 1 : end] == "." and len(word) > 4 and not re.fullmatch(r"(?:[A-Z]\.)+", word):
        return end - 1
    return end


def _previous_word(text: str, start: int) -> str | None:
    if not text[start - 1 : start].isspace():  # no space before: no word either (as ``\s+$``)
        return None
    match = _PREVIOUS_WORD.search(text[max(0, start - 40) : start])
    return match.group(1) if match else None


def _after_person_title(text: str, start: int) -> bool:
    return _is_person_title(_previous_word(text, start))


def _is_person_title(word: str | None) -> bool:
    return word is not None and word.rstrip(".").casefold() in PERSON_TITLES


def _follows_comma(text: str, span: Span) -> bool:
    return text[max(0, span.start - 2) : span.start].strip() == ","


def _followed_by_qualifier(text: str, span: Span) -> bool:
    """A comma and a capitalised word follow: "Aktau, Kazakhstan", "Osh, Kyrgyzstan"."""
    return re.match(r",\s+[A-Z]", text[span.end : span.end + 4]) is not None


def _lowercase_words(text: str) -> set[str]:
    """The distinct lower-case words, gathered without listing every occurrence first."""
    return {match.group() for match in _LOWERCASE_WORD.finditer(text)}
