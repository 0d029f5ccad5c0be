"""The events a text reports: detection, classification, merging and ordering.

1. The text is cut into sentences; one pass of the cue lexicon's union expression marks those
   with a cue word. Only they go on (at most ``MAX_CANDIDATES``), so a text costs a linear scan
   plus a little work per cue-bearing sentence.
2. The sentence classifier scores each candidate; it reports an event when its best kind is no
   "none" and is at least ``MIN_CONFIDENCE`` likely.
3. Sentences of the same kind whose places do not lie in different first-level divisions and
   whose dates agree are one event (the same clash told twice); the evidence keeps them all.
4. Each event gets a date, a place, fatalities and actors, and events are ordered by salience:
   confidence, how many sentences report it, and how early it comes (news leads with its main
   event).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from worldbrief.domain.entities import NamedEntity
from worldbrief.domain.events import ActorType, EventMention
from worldbrief.domain.geo import PlaceMention
from worldbrief.domain.spans import Span
from worldbrief.events.actors import actor_words_at, find_actors
from worldbrief.events.classifier import SentenceClassifier, default_classifier
from worldbrief.events.cues import CueLexicon, cue_lexicon
from worldbrief.events.dates import EventDate, date_in, find_date
from worldbrief.events.fatalities import read_fatalities
from worldbrief.events.places import event_place
from worldbrief.events.sentences import sentence_spans
from worldbrief.events.typology import NO_EVENT, kind_by_id

MAX_CANDIDATES = 200  # cue-bearing sentences read per text: far beyond any article's events
MIN_CONFIDENCE = 0.2
# Kinds whose words are common outside conflict news ("agreed", "formed", "visit"): they need
# a surer classifier before they count as an event.
SOFT_KINDS = frozenset(
    {
        "agreement",
        "change-to-group-activity",
        "diplomatic-event",
        "other",
        "non-violent-territory-transfer",
        "headquarters-established",
        "attribution",
    }
)
MIN_SOFT_CONFIDENCE = 0.4
MAX_EVENTS = 20


@dataclass(slots=True)
class _Report:
    """One sentence reporting one event."""

    index: int  # of the sentence
    span: Span
    kind: str
    confidence: float
    cue_at: int
    place: PlaceMention | None
    date: EventDate | None
    also: list[Span] = field(default_factory=list)  # later sentences told of it


class EventExtractor:
    def __init__(
        self, classifier: SentenceClassifier | None = None, lexicon: CueLexicon | None = None
    ) -> None:
        self._classifier = classifier or default_classifier()
        self._lexicon = lexicon or cue_lexicon()

    def extract(
        self,
        text: str,
        published_at: datetime | None = None,
        places: Sequence[PlaceMention] = (),
        entities: Sequence[NamedEntity] = (),
        body_start: int = 0,
    ) -> tuple[EventMention, ...]:
        """The events ``text`` reports, the main one first. When the text opens with its
        headline, ``body_start`` is where the body begins: a headline sums up what the body
        tells, so its report joins the body's report of the same event, and the body's
        sentences come first in the evidence."""
        sentences = sentence_spans(text)
        if not sentences:
            return ()
        places = sorted(places, key=lambda p: p.start)
        reports = self._reports(text, sentences, published_at, places)
        groups = _merge([r for r in reports if r.span.start >= body_start])
        for headline in (r for r in reports if r.span.start < body_start):
            _join_headline(headline, groups)
        events = [self._event(text, group, body_start, entities) for group in groups]
        ranked = sorted(events, key=lambda e: -e[0])
        return tuple(event for _, event in ranked[:MAX_EVENTS])

    def _reports(
        self,
        text: str,
        sentences: list[Span],
        published_at: datetime | None,
        places: list[PlaceMention],
    ) -> list[_Report]:
        starts = [s.start for s in sentences]
        candidates: dict[int, int] = {}  # sentence index -> first cue offset
        for cue_start in self._lexicon.cue_starts(text):
            index = bisect.bisect_right(starts, cue_start) - 1
            if index >= 0 and cue_start < sentences[index].end:
                candidates.setdefault(index, cue_start)
                if len(candidates) >= MAX_CANDIDATES:
                    break
        lead = [text[s.start : s.end] for s in sentences[:2]]
        # The lead's date stands for every report whose sentence names none: read it once.
        lead_date: list[EventDate | None] = []
        reports: list[_Report] = []
        for index, first_cue in candidates.items():
            span = sentences[index]
            words = _main_clause(text[span.start : span.end])
            kinds = self._lexicon.kinds_in(words)
            scores = self._classifier.scores(words, kinds)
            kind, confidence = scores.best(exclude=NO_EVENT)
            floor = MIN_SOFT_CONFIDENCE if kind in SOFT_KINDS else MIN_CONFIDENCE
            if scores.of(NO_EVENT) >= confidence or confidence < floor:
                continue
            before = sentences[index - 1] if index else span
            kind = _protest_turn(_unarmed_violence(kind, text[before.start : span.end]), words)
            cue = self._lexicon.first_cue(kind, words)
            acting = _by_who_acts(kind, words, cue)
            if acting != kind:
                kind, cue = acting, self._lexicon.first_cue(acting, words)
            cue_at = span.start + cue if cue is not None else first_cue
            place = event_place(places, [span], sentences)
            date = date_in(words, published_at)
            if date is None:  # as find_date([words, *lead]) would, without re-reading the lead
                if not lead_date:
                    lead_date.append(find_date(lead, published_at))
                date = lead_date[0]
            reports.append(_Report(index, span, kind, confidence, cue_at, place, date))
        return _escalate_protests(reports, text)

    def _event(
        self,
        text: str,
        group: list[_Report],
        body_start: int,
        entities: Sequence[NamedEntity],
    ) -> tuple[float, EventMention]:
        body = [r for r in group if r.span.start >= body_start] or group
        best = max(body, key=lambda r: r.confidence)
        kind = kind_by_id()[best.kind]
        # The body's sentences first, the one that says most first; the headline after them.
        ordered = sorted(group, key=lambda r: (r.span.start < body_start, -r.confidence))
        evidence = tuple(span for r in ordered for span in (r.span, *r.also))
        place = next((r.place for r in (best, *group) if r.place is not None), None)
        date = best.date or next((r.date for r in group if r.date is not None), None)
        fatalities = read_fatalities([text[s.start : s.end] for s in evidence])
        actors = find_actors(text, best.span, best.cue_at, kind.type, entities)
        confidence = round(best.confidence, 3)
        first = min(r.index for r in group)
        salience = confidence + 0.1 * (len(group) - 1) + 0.3 / (1 + first)
        return salience, EventMention(
            type=kind.type,
            subtype=kind.subtype,
            confidence=confidence,
            evidence=evidence,
            date=date.date if date else None,
            date_precision=date.precision if date else None,
            date_text=date.text if date else None,
            place=place,
            actors=actors,
            fatalities=fatalities.count if fatalities else None,
            fatalities_approximate=fatalities.approximate if fatalities else False,
        )


# Weapons or armed organisations: without any, a clash or an attack is mob violence (ACLED's
# rule: violence by a crowd or by supporters of a party, not by an armed group).
_ARMED = re.compile(
    r"\b(?:gun|guns|gunm[ae]n|gunfire|gunshots?|shot|shoot|shooting|firearms?|rifles?|pistols?|"
    r"armed|militants?|rebels?|insurgents?|fighters|troops|soldiers|army|military|police|"
    r"security forces|bombs?|explosi\w*|militia\w*|terrorists?|jihadists?|forces|battles?|"
    r"artillery|bandits)\b",
    re.IGNORECASE,
)


_DEMONSTRATION = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|march\w*|procession|strike|blockade|"
    r"hartal|movement|sit-in)",
    re.IGNORECASE,
)


def _unarmed_violence(kind: str, words: str) -> str:
    """ACLED's line: violence by a crowd or by supporters of a party, with no weapon that fires
    or explodes and no armed group, is mob violence; so is a riot where no demonstration is."""
    if kind in ("armed-clash", "attack") and not _ARMED.search(words):
        return "mob-violence"
    if kind == "violent-demonstration" and not _DEMONSTRATION.search(words):
        return "mob-violence"
    return kind


# Background after the event ("..., amid protests over ...") names other events: not this one's.
_BACKGROUND = re.compile(
    r",?\s+(?:amid|following|in the wake of|in protest (?:at|against)|"
    r"after the (?:death|resignation|killing|arrest))\b",
    re.IGNORECASE,
)
_PROTEST_VIOLENCE = re.compile(
    r"\b(?:clash\w*|vandali[sz]\w*|set (?:fire|ablaze|alight)|torch\w*|hurl\w*|threw|pelt\w*|"
    r"bricks|stormed|ransack\w*|attacked (?:the )?(?:police|officers|vehicles))",
    re.IGNORECASE,
)
_INTERVENTION = re.compile(
    r"\b(?:dispers\w*|baton\w*|tear ?gas|obstruct\w*|intervened|broke up|"
    r"(?:arrested|detained) (?:\w+ ){0,3}(?:protesters|demonstrators|students|participants))",
    re.IGNORECASE,
)
# A sentence that begins by counting victims: "At least 12 people were killed ...".
_CASUALTY_COUNT = re.compile(
    r"(?:at least |more than |some |about |nearly |over )?(?:\d+|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|a dozen|dozens|several|scores|hundreds)\b[^.]{0,60}?\b(?:were|was|"
    r"have been|had been|are) (?:killed|injured|wounded|hurt|dead)",
    re.IGNORECASE,
)
_PROTESTS = frozenset({"peaceful-protest", "protest-with-intervention"})
# What a sentence after a protest can tell of it: the protest then was of this kind.
_ESCALATION = {
    "protest-with-intervention": "protest-with-intervention",
    "arrests": "protest-with-intervention",
    "excessive-force-against-protesters": "excessive-force-against-protesters",
    "violent-demonstration": "violent-demonstration",
}


def _main_clause(sentence: str) -> str:
    """``sentence`` without a trailing background clause, if enough is left to say something."""
    background = _BACKGROUND.search(sentence)
    if background is not None and len(sentence[: background.start()].split()) >= 6:
        return sentence[: background.start()]
    return sentence


_GRENADE = re.compile(r"\bgrenades?\b(?<!stun grenade)(?<!sound grenade)(?<!smoke grenade)", re.I)
_NON_STATE = (ActorType.REBEL_GROUP, ActorType.POLITICAL_MILITIA, ActorType.IDENTITY_MILITIA)
_ARMED_TARGET = re.compile(
    r"\b(?:patrol|checkpoint|convoy|outpost|garrison|barracks|military|army|base|police "
    r"(?:post|station)|headquarters?)\b",
    re.IGNORECASE,
)


def _by_who_acts(kind: str, words: str, cue: int | None) -> str:
    """What the actors of a sentence say of its kind: territory taken by an armed group is not
    the government's regaining it (and the reverse); an attack on soldiers or police is a clash;
    violence with grenades is a grenade attack."""
    if kind in ("armed-clash", "attack", "remote-explosive") and _GRENADE.search(words):
        return "grenade"
    actors = actor_words_at(words)
    acting = next((t for at, t in actors if cue is None or at <= cue), None)
    if kind == "government-regains-territory" and acting in _NON_STATE:
        return "non-state-actor-overtakes-territory"
    if kind == "non-state-actor-overtakes-territory" and acting == ActorType.STATE_FORCES:
        return "government-regains-territory"
    if kind == "attack" and acting in (*_NON_STATE, ActorType.STATE_FORCES) and cue is not None:
        targets = [t for at, t in actors if at > cue]
        if ActorType.STATE_FORCES in targets or _ARMED_TARGET.search(words, cue):
            return "armed-clash"
    return kind


def _protest_turn(kind: str, words: str) -> str:
    """A protest whose own sentence tells of violence by its crowd, or of an intervention."""
    if kind != "peaceful-protest":
        return kind
    if _PROTEST_VIOLENCE.search(words):
        return "violent-demonstration"
    if _INTERVENTION.search(words):
        return "protest-with-intervention"
    return kind


def _escalate_protests(reports: list[_Report], text: str) -> list[_Report]:
    """A protest followed, in the next two sentences, by its dispersal, arrests, shooting or
    violence is one event of that kind ("Students rallied. Police dispersed them."); a sentence
    that only counts the victims of the event before it is part of that event ("At least 12
    people were killed.")."""
    kept: list[_Report] = []
    for report in reports:
        previous = kept[-1] if kept else None
        if (
            previous is not None
            and report.kind in ("attack", "mob-violence")
            and report.index - previous.index == 1
            and _CASUALTY_COUNT.match(text, report.span.start)
        ):
            previous.also.append(report.span)
            continue
        if (
            previous is not None
            and previous.kind in _PROTESTS
            and report.kind in _ESCALATION
            and 0 < report.index - previous.index <= 2
        ):
            previous.kind = _ESCALATION[report.kind]
            previous.also.append(report.span)
            continue
        kept.append(report)
    return kept


def _merge(reports: list[_Report]) -> list[list[_Report]]:
    """Reports of one kind that can be one event, grouped, in text order of their first."""
    groups: list[list[_Report]] = []
    for report in reports:
        for group in groups:
            if group[0].kind == report.kind and all(_same_event(r, report) for r in group):
                group.append(report)
                break
        else:
            groups.append([report])
    return groups


# Event types a headline's few words easily confuse: "Police clash with protesters" over a body
# that tells of a dispersed march, "Rebels attack town" over one that tells of shelling.
_KIN_TYPES = (
    frozenset({"Protests", "Riots"}),
    frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"}),
)


def _kin(one: str, other: str) -> bool:
    return one == other or any(one in kin and other in kin for kin in _KIN_TYPES)


def _join_headline(headline: _Report, groups: list[list[_Report]]) -> None:
    """The headline's report joins the body's first event of its kind, else of its type or
    a kin type (``_KIN_TYPES``), else stands alone: a headline sums up what the body tells."""
    kinds = kind_by_id()
    for same in (
        lambda group: group[0].kind == headline.kind,
        lambda group: kinds[group[0].kind].type == kinds[headline.kind].type,
        lambda group: _kin(kinds[group[0].kind].type, kinds[headline.kind].type),
    ):
        for group in groups:
            if same(group):
                group.append(headline)
                return
    groups.append([headline])


def _same_event(one: _Report, other: _Report) -> bool:
    if (
        one.place is not None
        and other.place is not None
        and (one.place.country, one.place.admin1) != (other.place.country, other.place.admin1)
    ):
        return False
    told = one.date is not None and other.date is not None and one.date.text and other.date.text
    return not (
        told
        and one.date is not None
        and other.date is not None
        and one.date.precision == other.date.precision
        and one.date.date != other.date.date
    )
