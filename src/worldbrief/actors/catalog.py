"""The curated actor list (``data/actors.tsv``): state forces, armed groups, parties and
international organisations, with their aliases, countries and types.

Ids in the list are stable: entities are stored under them. How the list is written (columns,
case rules, the "~" mark for aliases that need context) is said in the file's header.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from worldbrief.domain.events import ActorType, EntityType

AMBIGUOUS_MARK = "~"


class ActorListError(ValueError):
    """A row of the actor list that cannot be read; the message names the line."""


@dataclass(frozen=True, slots=True)
class ActorName:
    """One written form of a curated actor. ``needs_context``: it may mean something else, so
    it counts only beside another name of the actor or the name of one of its countries."""

    text: str
    needs_context: bool = False

    @property
    def exact_case(self) -> bool:
        """Acronyms and other short single words match only as written ("IMU", "LeT"); longer
        names match in any case but all lower case (see ``recognize``)."""
        letters = [c for c in self.text if c.isalpha()]
        all_capitals = bool(letters) and all(c.isupper() for c in letters)
        return all_capitals or (" " not in self.text and len(self.text) <= 5)


@dataclass(frozen=True, slots=True)
class CuratedActor:
    id: str
    type: EntityType
    actor_type: ActorType | None  # the ACLED family it usually acts as
    countries: tuple[str, ...]
    name: ActorName  # the canonical name
    aliases: tuple[ActorName, ...]

    @property
    def names(self) -> tuple[ActorName, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, eq=False)
class ActorCatalog:
    actors: tuple[CuratedActor, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {a.id: a for a in self.actors})

    def get(self, actor_id: str) -> CuratedActor | None:
        found: CuratedActor | None = self.__dict__["_by_id"].get(actor_id)
        return found

    @classmethod
    def load_default(cls) -> ActorCatalog:
        return _default_catalog()


@cache
def _default_catalog() -> ActorCatalog:
    source = resources.files("worldbrief.actors").joinpath("data", "actors.tsv")
    return parse_actor_list(source.read_text(encoding="utf-8"), "actors.tsv")


def curated_actor(actor_id: str) -> CuratedActor | None:
    """The curated entry of ``actor_id`` (for its ACLED actor type), or None."""
    return ActorCatalog.load_default().get(actor_id)


def parse_actor_list(text: str, where: str) -> ActorCatalog:
    actors: list[CuratedActor] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 6:
            raise ActorListError(
                f"{where}:{number}: expected 6 tab-separated fields, got {len(fields)}"
            )
        actor_id, kind, acled, countries, name, aliases = (f.strip() for f in fields)
        if actor_id in seen:
            raise ActorListError(f"{where}:{number}: id {actor_id!r} appears twice")
        seen.add(actor_id)
        try:
            entity_type = EntityType(kind)
            actor_type = None if acled == "-" else ActorType(acled)
        except ValueError as error:
            raise ActorListError(f"{where}:{number}: {error}") from None
        actors.append(
            CuratedActor(
                id=actor_id,
                type=entity_type,
                actor_type=actor_type,
                countries=() if countries == "-" else tuple(countries.split(",")),
                name=_name(name),
                aliases=tuple(_name(a) for a in aliases.split("|") if a.strip()),
            )
        )
    return ActorCatalog(tuple(actors))


def _name(written: str) -> ActorName:
    written = written.strip()
    if written.startswith(AMBIGUOUS_MARK):
        return ActorName(written[1:].strip(), needs_context=True)
    return ActorName(written)
