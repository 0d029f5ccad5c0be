"""Recognise organisations, armed groups, parties, state forces and people in English text.

Five sources, in order of trust (a span taken by an earlier one is not taken again):
1. the curated actor list, through two Aho-Corasick automata (acronyms as written; other names
   in any case but all lower case), an ambiguous alias only with context;
2. acronyms the text defines ("Islamic Movement of Uzbekistan (IMU)"): the long form and every
   later use of the acronym are one entity, a curated one when the long form is curated;
3. institution names every state uses ("Security Council", "Interior Ministry", "parliament"),
   resolved by their context: a country beside them, the United Nations nearby, the text's
   other mentions, or no link at all;
4. organisation names by their head word ("X Liberation Front", "Ministry of ...", "X Army");
5. people: a name after a title ("President", "Gen.", "Mr") or beginning with a given name,
   and their surname alone afterwards.
Curated entities keep their id; the others get the slug of their name. Why: docs/actors.md.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from worldbrief.actors.catalog import ActorCatalog, ActorName, CuratedActor
from worldbrief.actors.institutions import (
    GENERIC_INSTITUTION_NAME,
    GENERIC_INSTITUTION_START,
    INSTITUTION_BY_FORM,
    INSTITUTION_BY_INTERNATIONAL_ID,
    GenericInstitution,
)
from worldbrief.actors.patterns import (
    CAPITALISED_RUN,
    CONNECTORS,
    HEAD_WORDS,
    LEADING_WORDS,
    NAME_ENDS,
    NOT_SURNAMES,
    REBEL_WORDS,
    STATE_HEADS,
    TITLE_WORDS,
    TITLES,
)
from worldbrief.domain.entities import NamedEntity, learned_entity_id
from worldbrief.domain.events import EntityType
from worldbrief.domain.spans import Span
from worldbrief.events.unions import matches_at_positions
from worldbrief.geo.country_names import CountryNameTable, NameKind
from worldbrief.geo.name_matcher import NameMatcher

_ONE_SPACE = re.compile(r"\s")
_ACRONYM_IN_PARENS = re.compile(r" \(([A-Z][A-Za-z0-9&\-]{1,9})\)")
_WORD_BEFORE = re.compile(r"(\S+)\s$")
_COUNTRY_KINDS = frozenset({NameKind.NAME, NameKind.ALIAS, NameKind.DEMONYM, NameKind.ABBREVIATION})
# Lower case, "major" and "general" are adjectives far more often than titles ("all the major
# European countries", "the general Manager"), so only their capitalised forms are titles.
_ADJECTIVE_TITLES = frozenset({"major", "general"})
_PREVIOUS_TITLES = frozenset(t.split()[-1] for t in TITLES) | frozenset(
    t.split()[-1].lower()
    for t in TITLES
    if not t.endswith(".") and t.split()[-1].lower() not in _ADJECTIVE_TITLES
)
_CURATED, _DEFINED, _INSTITUTION, _ORGANISATION, _PERSON = range(5)  # trust, most first
_UNLINKED = ""  # the key of a span that names an institution no entity can be given
_UNITED_NATIONS = re.compile(r"(?<![\w.])(?:UN|U\.N\.|United Nations)(?![\w-])")
_UNITED_NATIONS_BEFORE = re.compile(r"(?<![\w.])(?:UN|U\.N\.|United Nations)\s+$")
# A sentence ends at ".", "!" or "?" after a lower-case letter or a digit (not "U.N.", "Gen.").
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)][.!?])[\"'’”]?\s+")
_WORDS_BEFORE = re.compile(r"((?:[A-Z][\w.’'-]*\s){0,2}[A-Z][\w.’'-]*)\s$")
_CAPITALISED_AFTER = re.compile(r"\s((?:[A-Z]\w*)(?:\s[A-Z]\w*)*)")
_OF_COUNTRY = re.compile(r"\sof\s(?:the\s)?([A-Z][\w.-]*(?:\s[A-Z][\w.-]*){0,2})")


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    key: str
    trust: int
    needs_context: bool = False


@dataclass(slots=True)
class _Entity:
    id: str
    name: str
    type: EntityType
    countries: tuple[str, ...] = ()
    aliases: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    text: str  # without a possessive "'s"
    possessive: bool


class EntityRecognizer:
    """Built once per process (the automata take a few milliseconds); ``recognize`` is pure."""

    def __init__(self, catalog: ActorCatalog | None = None) -> None:
        self.catalog = catalog or ActorCatalog.load_default()
        exact: list[tuple[str, tuple[CuratedActor, ActorName]]] = []
        folded: list[tuple[str, tuple[CuratedActor, ActorName]]] = []
        for actor in self.catalog.actors:
            for name in actor.names:
                if name.text.casefold() in INSTITUTION_BY_FORM:
                    continue  # "Security Council": the UN's or a state's, by context (step 3)
                if name.exact_case:
                    exact.append((name.text, (actor, name)))
                else:
                    folded.append((name.text.lower(), (actor, name)))
        self._exact = NameMatcher(exact)
        self._folded = NameMatcher(folded)
        self._given_names = _given_names()
        self._countries = CountryNameTable.load_default()

    def recognize(
        self,
        text: str,
        countries: Collection[str] = (),
        places: Collection[tuple[int, int]] = (),
    ) -> tuple[NamedEntity, ...]:
        """The entities ``text`` names, in the order of their first mention. ``countries``
        (ISO codes the text names) give context to ambiguous aliases ("RSF" beside Sudan);
        ``places`` (start and end of the places a geoparser found) keep a place whose first
        word is a given name from being read as a person ("Abu Dhabi", "Santa Cruz")."""
        entities: dict[str, _Entity] = {}
        curated = self._curated(text, entities)
        runs = [(m.start(), m.group()) for m in CAPITALISED_RUN.finditer(text)]
        place_spans = frozenset(places)
        defined = self._definitions(text, runs, curated, entities, place_spans)
        candidates = [*curated, *defined]
        candidates += self._institutions(text, curated, entities, countries)
        candidates += self._organisations(runs, entities)
        segments = _segments(runs)  # people and their surnames are read from the same words
        candidates += self._people(text, segments, entities, place_spans)
        kept = _resolve(_in_context(candidates, entities, self.catalog, countries))
        kept += self._surnames(segments, kept, entities)
        for candidate in sorted(kept, key=lambda c: c.start):
            if candidate.key != _UNLINKED:
                entities[candidate.key].spans.append(Span(candidate.start, candidate.end))
        found = [e for e in entities.values() if e.spans]
        found.sort(key=lambda e: e.spans[0].start)
        return tuple(
            NamedEntity(
                id=e.id,
                name=e.name,
                type=e.type,
                mentions=tuple(e.spans),
                aliases=tuple(dict.fromkeys(a for a in e.aliases if a != e.name)),
                countries=e.countries,
            )
            for e in found
        )

    # --- 1. the curated list ------------------------------------------------------------------

    def _curated(self, text: str, entities: dict[str, _Entity]) -> list[_Candidate]:
        lowered = text.lower()
        if len(lowered) != len(text):  # a character whose lower case is longer: keep offsets
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        matches = [*self._exact.find(text)]
        for match in self._folded.find(lowered):
            if not text[match.start : match.end].islower():  # "Hamas", "HAMAS"; not "hamas"
                matches.append(match)
        found: list[_Candidate] = []
        for match in matches:
            actor, name = match.value
            _add_curated(entities, actor)
            found.append(_Candidate(match.start, match.end, actor.id, _CURATED, name.needs_context))
        return found

    # --- 2. acronyms the text defines -----------------------------------------------------------

    def _definitions(
        self,
        text: str,
        runs: list[tuple[int, str]],
        curated: list[_Candidate],
        entities: dict[str, _Entity],
        places: frozenset[tuple[int, int]],
    ) -> list[_Candidate]:
        ends = {start + len(run): (start, run) for start, run in runs}
        defined: dict[str, str] = {}  # acronym -> entity id
        found: list[_Candidate] = []
        for match in _ACRONYM_IN_PARENS.finditer(text):
            acronym = match.group(1)
            if sum(c.isupper() for c in acronym) < 2 or match.start() not in ends:
                continue
            start, run = ends[match.start()]
            long_form = _long_form(start, run, acronym)
            if long_form is None:
                continue
            long_start, long_end = long_form
            name = _one_line(text[long_start:long_end])
            same = next((c for c in curated if c.start <= long_start and c.end >= long_end), None)
            if same is None and self._names_a_place(long_start, name, places):
                continue  # "United Arab Emirates (UAE)", "Middle East and Africa (MEA)"
            if same is not None:
                key = same.key
            else:
                key = learned_entity_id(name)
                if key not in entities:
                    kind, countries = self._kind_of(_tokens(long_start, name))
                    entities[key] = _Entity(key, name, kind or EntityType.ORGANIZATION, countries)
                found.append(_Candidate(long_start, long_end, key, _DEFINED))
            entities[key].aliases.append(acronym)
            defined[acronym] = key
        if not defined:
            return found
        # Every use of a defined acronym is that entity, whatever the curated list says.
        curated[:] = [c for c in curated if text[c.start : c.end] not in defined]
        for acronym, key in defined.items():
            for use in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
                found.append(_Candidate(use.start(), use.end(), key, _DEFINED))
        return found

    def _names_a_place(self, start: int, name: str, places: frozenset[tuple[int, int]]) -> bool:
        """A country's name in any form, or words that are all places the geoparser found
        (the connectors between them aside): what an acronym then stands for is no actor."""
        found = self._countries.lookup(name)
        if found is not None and found.kind in _COUNTRY_KINDS:
            return True
        words = [t for t in _tokens(start, name) if t.text.lower() not in CONNECTORS]
        return bool(places) and all(
            any(s <= t.start and t.end <= e for s, e in places) for t in words
        )

    # --- 3. institutions every state has --------------------------------------------------------

    def _institutions(
        self,
        text: str,
        curated: list[_Candidate],
        entities: dict[str, _Entity],
        countries: Collection[str],
    ) -> list[_Candidate]:
        """Generic institution names, each given the entity its context says, in this order:
        the country written beside it ("Kazakhstan's Security Council", "the Iraqi Interior
        Ministry", "the Supreme Court of India"), or "U.N." right before it across a line break;
        the United Nations named in its sentence;
        the nearest mention of the same institution the text qualifies (before it, else after);
        the UN body when the text names no country at all. Otherwise it stays unlinked: "the
        Security Council" in news of Kazakhstan is no more the UN's than Kazakhstan's."""
        mentions: list[tuple[int, int, GenericInstitution, str | None]] = []
        qualified: list[tuple[int, GenericInstitution, str]] = []  # (position, institution, key)
        for candidate in curated:  # "UN Security Council", "UNSC"
            institution = INSTITUTION_BY_INTERNATIONAL_ID.get(candidate.key)
            if institution is not None:
                qualified.append((candidate.start, institution, candidate.key))
        for match in matches_at_positions(
            GENERIC_INSTITUTION_START, GENERIC_INSTITUTION_NAME, text
        ):
            start, end = match.span()
            if any(c.start <= start and end <= c.end for c in curated):
                continue  # inside a curated name: "European Parliament", "UN Security Council"
            institution = INSTITUTION_BY_FORM[match.group().casefold()]
            if _heads_another_name(text, end):
                continue  # "Supreme Court Bar Association", "U.S. Senate Finance Committee"
            country = self._country_beside(text, start, end)
            key = None
            un_before = _UNITED_NATIONS_BEFORE.search(text, max(0, start - 20), start)
            if country is None and institution.international_id and un_before:
                key = institution.international_id  # "U.N.\nSecurity Council" on two lines
                qualified.append((start, institution, key))
            if country is None and key is None and not _stands_alone(text, start):
                continue  # the tail of a longer name ("Federal Supreme Court")
            if country is None and key is None and match.group().islower():
                continue  # "the parliament" alone is a word, not a name
            if country is not None:
                key = institution.national_id(country)
                if key not in entities:
                    name = institution.national_name(self._countries.display_name(country))
                    entities[key] = _Entity(key, name, EntityType.ORGANIZATION, (country,))
                if match.group() != entities[key].name:
                    entities[key].aliases.append(match.group())
                qualified.append((start, institution, key))
            mentions.append((start, end, institution, key))
        found: list[_Candidate] = []
        for start, end, institution, key in mentions:
            if key is None:
                key = self._institution_in_context(text, start, end, institution, qualified)
            if key is None and not countries and institution.international_id:
                key = institution.international_id
            if key is not None and key not in entities:  # a UN body the text did not name
                actor = self.catalog.get(key)
                if actor is None:
                    key = None
                else:
                    _add_curated(entities, actor)
            found.append(_Candidate(start, end, key or _UNLINKED, _INSTITUTION))
        return found

    def _institution_in_context(
        self,
        text: str,
        start: int,
        end: int,
        institution: GenericInstitution,
        qualified: list[tuple[int, GenericInstitution, str]],
    ) -> str | None:
        if institution.international_id and _UNITED_NATIONS.search(_sentence(text, start, end)):
            return institution.international_id
        same = [(position, key) for position, i, key in qualified if i is institution]
        before = [key for position, key in same if position < start]
        if before:
            return before[-1]
        after = [key for position, key in same if position > start]
        return after[0] if after else None

    def _country_beside(self, text: str, start: int, end: int) -> str | None:
        """The country named just before the institution ("Kazakhstan's", "Iraqi", "South
        Sudan's") or just after it ("of India", "of the United States"), if any."""
        before = _WORDS_BEFORE.search(text, max(0, start - 40), start)
        if before is not None:
            words = [t.text for t in _tokens(before.start(1), before.group(1))]
            for first in range(len(words)):  # the longest name ending right before it
                country = self._country(" ".join(words[first:]))
                if country is not None:
                    return country
        after = _OF_COUNTRY.match(text, end)
        if after is not None:
            words = after.group(1).split(" ")
            for last in range(len(words), 0, -1):
                country = self._country(" ".join(words[:last]).rstrip("."))
                if country is not None:
                    return country
        return None

    # --- 4. organisations by their head word -----------------------------------------------------

    def _organisations(
        self, runs: list[tuple[int, str]], entities: dict[str, _Entity]
    ) -> list[_Candidate]:
        found: list[_Candidate] = []
        for start, run in _split_at_and(runs):
            tokens = _tokens(start, run)
            heads = [i for i, t in enumerate(tokens) if t.text in HEAD_WORDS]
            if not heads:
                continue
            first = 0
            for i, token in enumerate(tokens[: heads[0]]):  # "Russia's Defence Ministry"
                if token.possessive or token.text in LEADING_WORDS or token.text in CONNECTORS:
                    first = i + 1
            after_head = tokens[heads[-1] + 1 :]
            last = len(tokens) - 1 if after_head and after_head[0].text in CONNECTORS else heads[-1]
            while last > first and tokens[last].text in CONNECTORS:
                last -= 1
            named = tokens[first : last + 1]
            if len([t for t in named if t.text not in CONNECTORS]) < 2:
                continue
            kind, countries = self._kind_of(named, tokens[:first])
            name = _one_line(run[named[0].start - start : named[-1].end - start])
            if name.casefold() in INSTITUTION_BY_FORM:
                continue  # every state has one: which one is step 3's to say, or none
            key = learned_entity_id(name)
            if key not in entities:
                entities[key] = _Entity(key, name, kind or EntityType.ORGANIZATION, countries)
            found.append(_Candidate(named[0].start, named[-1].end, key, _ORGANISATION))
        return found

    def _kind_of(
        self, named: list[_Token], before: Iterable[_Token] = ()
    ) -> tuple[EntityType | None, tuple[str, ...]]:
        countries = tuple(
            dict.fromkeys(c for t in (*before, *named) if (c := self._country(t.text)))
        )
        heads = [t.text for t in named if t.text in HEAD_WORDS]
        if not heads:
            return None, countries
        words = {t.text for t in named}
        if words & REBEL_WORDS:
            return EntityType.ARMED_GROUP, countries
        if heads[-1] in STATE_HEADS and countries:
            return EntityType.STATE_FORCES, countries
        return HEAD_WORDS[heads[-1]], countries

    def _country(self, word: str) -> str | None:
        name = self._countries.by_text.get(word)
        return name.code if name is not None and name.kind in _COUNTRY_KINDS else None

    # --- 5. people ------------------------------------------------------------------------------

    def _people(
        self,
        text: str,
        segments: list[list[_Token]],
        entities: dict[str, _Entity],
        places: frozenset[tuple[int, int]],
    ) -> list[_Candidate]:
        found: list[_Candidate] = []
        for segment in segments:
            before = _WORD_BEFORE.search(text, max(0, segment[0].start - 30), segment[0].start)
            titled = before is not None and before.group(1) in _PREVIOUS_TITLES
            first = 0
            while first < len(segment) and segment[first].text in TITLE_WORDS:
                first += 1
            if first > 0 and segment[first - 1].possessive:
                continue  # "the President's Office", "the King's Mercedes": the title's, no name
            titled = titled or first > 0
            name = self._person_name(segment[first:])
            if not name:
                continue
            if not titled and (len(name) < 2 or name[0].text not in self._given_names):
                continue
            # A place named in full is no person without a title: "Abu Dhabi" is a place,
            # while "Paris Hilton" only holds one.
            if not titled and (name[0].start, name[-1].end) in places:
                continue
            full = " ".join(t.text for t in name)
            key = learned_entity_id(full)
            if key not in entities:
                entities[key] = _Entity(key, full, EntityType.PERSON)
            found.append(_Candidate(name[0].start, name[-1].end, key, _PERSON))
        return found

    def _person_name(self, tokens: list[_Token]) -> list[_Token]:
        """The words of a person's name at the start of ``tokens``; none when the run names a
        thing ("Ronald Reagan Building", "General Motors Acceptance Corp"), or when one word
        is left before a role or a day ("the President's Office", "a judge Friday") or before
        a bare initial ("Harry S" cut from "Harry S. Truman")."""
        own = next((i + 1 for i, t in enumerate(tokens) if t.possessive), len(tokens))
        if any(t.text in NOT_SURNAMES for t in tokens[:own]):  # "Reagan's Republican Party"
            return []  # is Reagan's; "Reagan Republican Party" no one's
        name: list[_Token] = []
        cut = False
        for token in tokens[:4]:
            if token.text in NAME_ENDS:
                cut = True
                break
            if "." in token.text:
                break
            if token.text not in self._given_names and self._country(token.text):
                break
            name.append(token)
            if token.possessive:
                break
        while name and len(name[-1].text) == 1:  # an initial the run cut from its period
            name.pop()
            cut = True
        return [] if cut and len(name) < 2 else name

    def _surnames(
        self, segments: list[list[_Token]], kept: list[_Candidate], entities: dict[str, _Entity]
    ) -> list[_Candidate]:
        """A person named in full is the same person named by surname later ("Hasina")."""
        surnames = {
            entities[c.key].name.split()[-1]: c.key
            for c in kept
            if c.trust == _PERSON and " " in entities[c.key].name
        }
        if not surnames:
            return []
        taken = sorted((c.start, c.end) for c in kept)
        found: list[_Candidate] = []
        for segment in segments:
            for token in segment:
                key = surnames.get(token.text)
                if key is not None and not _overlaps(taken, token.start, token.end):
                    found.append(_Candidate(token.start, token.end, key, _PERSON))
        return found


def _add_curated(entities: dict[str, _Entity], actor: CuratedActor) -> None:
    if actor.id not in entities:
        entities[actor.id] = _Entity(
            actor.id, actor.name.text, actor.type, actor.countries, [a.text for a in actor.aliases]
        )


def _stands_alone(text: str, start: int) -> bool:
    """Not the tail of a longer name: "Federal Supreme Court" is a court of its own."""
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if before is None:
        return True
    word = before.group(1)
    return not word[0].isupper() or word in LEADING_WORDS or word.endswith((",", ";"))


def _heads_another_name(text: str, end: int) -> bool:
    """Followed by capitalised words that end in an organisation's head word ("Supreme Court
    Bar Association"); "Security Council Resolution 2254" and "Interior Ministry Spokesman"
    still name the institution."""
    after = _CAPITALISED_AFTER.match(text, end)
    return after is not None and bool(HEAD_WORDS.keys() & set(after.group(1).split(" ")))


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]``."""
    first = 0
    for boundary in _SENTENCE_END.finditer(text, max(0, start - 400), start):
        first = boundary.end()
    last = _SENTENCE_END.search(text, end, end + 400)
    return text[first : last.start() if last else min(len(text), end + 400)]


def _long_form(start: int, run: str, acronym: str) -> tuple[int, int] | None:
    """The words of ``run`` (which ends right before the acronym) that the acronym stands for:
    the suffix beginning with its first letter whose capitalised words best match its
    capital letters in number."""
    tokens = _tokens(start, run)
    capitals = sum(c.isupper() for c in acronym)
    best: tuple[int, int] | None = None
    for i, token in enumerate(tokens):
        if token.text[0] != acronym[0] or token.text in LEADING_WORDS:
            continue
        words = sum(1 for t in tokens[i:] if t.text not in CONNECTORS)
        if words < 2 <= capitals:  # "Tamils (TNA)", "Senator Marco Rubio (R-FL)": no long form
            continue
        miss = abs(words - capitals)
        if miss <= 2 and (best is None or miss < best[0]):
            best = (miss, i)
    if best is None:
        return None
    return tokens[best[1]].start, tokens[-1].end


def _split_at_and(runs: list[tuple[int, str]]) -> Iterable[tuple[int, str]]:
    """Runs of two words or more, cut at "and": "the Ghana Armed Forces and the Kenyan Army"
    names two organisations (at the cost of "Ministry of Foreign Affairs and Trade")."""
    for start, run in runs:
        offset = start
        for part in run.split(" and "):
            if _ONE_SPACE.search(part):
                yield offset, part
            offset += len(part) + 5


def _one_line(name: str) -> str:
    """A name as shown: wire copy wraps lines inside names ("International\nMonetary Fund")."""
    return " ".join(name.split())


def _tokens(start: int, run: str) -> list[_Token]:
    tokens: list[_Token] = []
    offset = start
    for word in _ONE_SPACE.split(run):  # a run's words are one space or line break apart
        text, possessive = word, False
        if word.endswith(("'s", "’s")):
            text, possessive = word[:-2], True
        elif word.endswith(("'", "’")):
            text, possessive = word[:-1], True
        tokens.append(_Token(offset, offset + len(text), text, possessive))
        offset += len(word) + 1
    return tokens


def _segments(runs: list[tuple[int, str]]) -> list[list[_Token]]:
    """The runs cut at their lower-case connectors: "Joe Biden and Sheikh Hasina" is two."""
    segments: list[list[_Token]] = []
    for start, run in runs:
        current: list[_Token] = []
        for token in _tokens(start, run):
            if token.text in CONNECTORS:
                if current:
                    segments.append(current)
                current = []
            else:
                current.append(token)
        if current:
            segments.append(current)
    return segments


def _in_context(
    candidates: list[_Candidate],
    entities: dict[str, _Entity],
    catalog: ActorCatalog,
    countries: Collection[str],
) -> list[_Candidate]:
    """Ambiguous aliases stay only beside another name of their entity or one of its
    countries."""
    if not any(c.needs_context for c in candidates):
        return candidates
    sure = {c.key for c in candidates if not c.needs_context}
    named = set(countries)
    kept: list[_Candidate] = []
    for candidate in candidates:
        if candidate.needs_context and candidate.key not in sure:
            actor = catalog.get(candidate.key)
            if actor is None or not named.intersection(actor.countries):
                continue
        kept.append(candidate)
    return kept


def _resolve(candidates: list[_Candidate]) -> list[_Candidate]:
    """Most trusted first, then leftmost and longest; a span overlapping one taken is dropped."""
    taken: list[tuple[int, int]] = []
    kept: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.trust, c.start, -c.end)):
        if not _overlaps(taken, candidate.start, candidate.end):
            taken.append((candidate.start, candidate.end))
            kept.append(candidate)
    return kept


def _overlaps(taken: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in taken)


@cache
def _given_names() -> frozenset[str]:
    source = resources.files("worldbrief.actors").joinpath("data", "given_names.txt")
    lines = source.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def default_recognizer() -> EntityRecognizer:
    """One recognizer per process."""
    return EntityRecognizer()
