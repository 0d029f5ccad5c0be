"""Named actors and other entities a text names: organisations, armed groups, parties, state
forces and people, each with a stable id across texts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from slugify import slugify

from worldbrief.domain.events import EntityType
from worldbrief.domain.spans import Span


@dataclass(frozen=True, slots=True)
class NamedEntity:
    """An entity as one text names it. ``id`` is stable across texts: the id of the curated
    entry it matched ("imu"), or one derived from its canonical name for an entity learned from
    the corpus. ``mentions`` are every span that names it, acronyms and aliases included."""

    id: str
    name: str  # canonical name
    type: EntityType
    mentions: tuple[Span, ...]
    aliases: tuple[str, ...] = ()  # other names, as the curated list or the text gives them
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2


@dataclass(frozen=True, slots=True)
class KnownEntity:
    """An entity as the store knows it across articles: first and last seen are the earliest
    and latest publication times of an article naming it."""

    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...]
    countries: tuple[str, ...]
    first_seen: datetime
    last_seen: datetime


def learned_entity_id(name: str) -> str:
    """The stable id of an entity learned from text rather than the curated list: the slug of
    its canonical name ("Ogaden People's Liberation Front" -> "ogaden-peoples-liberation-front")."""
    return slugify(name, replacements=[["'", ""], ["’", ""]])
