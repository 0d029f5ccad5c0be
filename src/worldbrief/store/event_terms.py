"""The words an event is found by (``events.search_text``, ``events.actor_keys``, migration
0014): derived from its columns whenever it is written, so filtering by text or actor is a
column test within the rows a query already reads, never a parse of JSON per row.

``search_text`` holds the type, subtype, place, division, country code and the actors' names
and types, lower-cased; never evidence, which is article text a reader may not be entitled
to. ``actor_keys`` holds each actor's lower-cased name and entity id between bars
(``|troops|taliban|``), so an actor is matched whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

SEPARATOR = "|"


def event_terms(kind: str, subtype: str, summary: Mapping[str, Any]) -> dict[str, str]:
    """The two columns of an event of ``kind``/``subtype`` whose other columns are
    ``summary`` (as ``event_links.event_summary`` gives them)."""
    place = summary.get("place") or {}
    actors = summary.get("actors") or ()
    words = [kind, subtype, place.get("name"), summary.get("place_admin1")]
    words.append(summary.get("place_country"))
    for actor in actors:
        words += [actor.get("name"), actor.get("type")]
    return {
        "search_text": "\n".join(normal(w) for w in words if w),
        "actor_keys": actor_keys_text(actors),
    }


def actor_keys_text(actors: Iterable[Mapping[str, Any]]) -> str:
    keys: dict[str, None] = {}
    for actor in actors:
        for value in (actor.get("name"), actor.get("entity_id")):
            if value:
                keys[actor_key(value)] = None
    return SEPARATOR + SEPARATOR.join(keys) + SEPARATOR if keys else ""


def actor_key(value: str) -> str:
    """An actor's name or id as ``actor_keys`` holds it."""
    return normal(value).replace(SEPARATOR, " ")


def normal(text: str) -> str:
    return " ".join(text.casefold().split())
