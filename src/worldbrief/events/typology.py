"""The event typology shipped in ``data/typology.tsv``: ACLED's event types and sub-event types
and our four extra families, each with a short id of our own."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

NO_EVENT = "none"  # the label of example sentences that report no event


@dataclass(frozen=True, slots=True)
class EventKind:
    id: str  # "armed-clash"
    type: str  # "Battles"
    subtype: str  # "Armed clash"
    family: str  # "acled" or "extra"


@cache
def typology() -> tuple[EventKind, ...]:
    """Every kind, in the file's order."""
    text = files("worldbrief.events").joinpath("data/typology.tsv").read_text("utf-8")
    kinds: list[EventKind] = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            kind_id, type_, subtype, family = line.split("\t")
            kinds.append(EventKind(kind_id, type_, subtype, family))
    return tuple(kinds)


@cache
def kind_by_id() -> dict[str, EventKind]:
    return {k.id: k for k in typology()}


@cache
def kind_by_subtype() -> dict[str, EventKind]:
    """By sub-event type name ("Armed clash")."""
    return {k.subtype: k for k in typology()}
