"""Who acted and on whom, by rules on the event's sentence.

Actor words (police, troops, rebels, protesters, villagers...) are found with their ACLED actor
type. The first actor before the event's cue word is ``actor1`` (the one acting), the first of a
different kind after it ``actor2``, one after "by" in a passive sentence ("were killed by
gunmen") ``actor1``; others are ``associated``. In protests the protesters act (actor1), in
riots the crowd does, whatever words name it. A named entity of the entities stage whose mention
is the actor's words lends its id.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache
from importlib.resources import files

from worldbrief.domain.entities import NamedEntity
from worldbrief.domain.events import ActorRole, ActorType, EntityType, EventActor
from worldbrief.domain.spans import Span
from worldbrief.events.unions import first_letter_union, matches_at_positions

_BY = re.compile(r"\bby\s+(?:the\s+|a\s+|some\s+|unidentified\s+)?$", re.IGNORECASE)
_ACTING_CROWD = {"Protests": ActorType.PROTESTERS, "Riots": ActorType.RIOTERS}
_ENTITY_ACTOR_TYPE = {
    EntityType.STATE_FORCES: ActorType.STATE_FORCES,
    EntityType.ARMED_GROUP: ActorType.REBEL_GROUP,
    EntityType.PARTY: ActorType.POLITICAL_MILITIA,
    EntityType.ORGANIZATION: ActorType.EXTERNAL_OTHER,
}


def find_actors(
    text: str,
    sentence: Span,
    cue_at: int,
    event_type: str,
    entities: Sequence[NamedEntity] = (),
) -> tuple[EventActor, ...]:
    """The actors of the event reported by ``sentence`` of ``text``, whose cue word starts at
    ``cue_at`` (an offset into ``text``)."""
    words = text[sentence.start : sentence.end]
    found: list[tuple[int, int, ActorType]] = []
    for match, kind in _actor_matches(words):
        found.append((sentence.start + match.start(), sentence.start + match.end(), kind))
    for entity in entities:
        actor_type = _ENTITY_ACTOR_TYPE.get(entity.type)
        for mention in entity.mentions:
            if actor_type is not None and sentence.start <= mention.start < sentence.end:
                found = [f for f in found if not (f[0] < mention.end and mention.start < f[1])]
                found.append((mention.start, mention.end, actor_type))
    found.sort()
    crowd = _ACTING_CROWD.get(event_type)
    unique: list[tuple[int, int, ActorType, bool]] = []
    seen: set[str] = set()
    for start, end, kind in found:
        if text[start:end].lower() in seen:
            continue
        seen.add(text[start:end].lower())
        if crowd is not None and kind in (ActorType.PROTESTERS, ActorType.RIOTERS):
            kind = crowd
        agent = _BY.search(text[max(sentence.start, start - 20) : start]) is not None
        unique.append((start, end, kind, agent))
    passive = any(agent for *_, agent in unique)
    # A passive sentence's agent acts; its subject before the cue is acted on.
    order = sorted(unique, key=lambda f: (not f[3], f[0]))
    actors: list[EventActor] = []
    roles_taken: set[ActorRole] = set()
    for start, end, kind, agent in order:
        role = _role(start, cue_at, kind, crowd, roles_taken, agent, passive)
        roles_taken.add(role)
        entity_id = _entity_at(entities, start, end)
        actors.append(EventActor(text[start:end], role, kind, entity_id, Span(start, end)))
    actors.sort(key=lambda a: list(ActorRole).index(a.role))
    return tuple(actors)


def _role(
    start: int,
    cue_at: int,
    kind: ActorType,
    crowd: ActorType | None,
    taken: set[ActorRole],
    agent: bool,
    passive: bool,
) -> ActorRole:
    if crowd is not None:  # in protests and riots the crowd acts; whoever else is the other side
        wanted = ActorRole.ACTOR1 if kind == crowd else ActorRole.ACTOR2
    elif agent or (start < cue_at and not passive):
        wanted = ActorRole.ACTOR1
    else:
        wanted = ActorRole.ACTOR2
    if wanted in taken:
        other = ActorRole.ACTOR2 if wanted == ActorRole.ACTOR1 else ActorRole.ACTOR1
        wanted = other if other not in taken and crowd is None else ActorRole.ASSOCIATED
    return wanted


def actor_words_at(sentence: str) -> list[tuple[int, ActorType]]:
    """Where ``sentence`` names actors, and their types, in order."""
    return [(match.start(), kind) for match, kind in _actor_matches(sentence)]


def _actor_matches(words: str) -> Iterator[tuple[re.Match[str], ActorType]]:
    fast, exact, types = _actor_words()
    for match in matches_at_positions(fast, exact, words):
        yield match, types[int((match.lastgroup or "t0")[1:])]


def _entity_at(entities: Sequence[NamedEntity], start: int, end: int) -> str | None:
    for entity in entities:
        for mention in entity.mentions:
            if mention.start < end and start < mention.end:
                return entity.id
    return None


@cache
def _actor_words() -> tuple[re.Pattern[str], re.Pattern[str], tuple[ActorType, ...]]:
    """The lines of ``data/actors.tsv`` as a union grouped by first letter (which finds where
    matches start), as one expression with each line its own group (which says which line
    matched there), and the type of each group."""
    text = files("worldbrief.events").joinpath("data/actors.tsv").read_text("utf-8")
    types: list[ActorType] = []
    groups: list[str] = []
    expressions: list[str] = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            actor_type, expression = line.split("\t", 1)
            groups.append(rf"(?P<t{len(types)}>\b(?:{expression})\b)")
            expressions.append(expression)
            types.append(ActorType(actor_type))
    union = first_letter_union(expressions, ignore_case=True, suffix=r"\b")
    return re.compile(rf"\b(?:{union})"), re.compile("|".join(groups), re.IGNORECASE), tuple(types)
