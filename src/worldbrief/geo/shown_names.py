"""The name a resolved place is shown under.

GeoNames' main name is the one shown ("Kiev" is shown as Kyiv), and our own layer maps former
names to current ones (Alma-Ata → Almaty). But a text that reached a place through one of
GeoNames' other names that is a different name altogether keeps the name it wrote: GeoNames
may list a town under a name its readers do not know ("Jalal-Abad" is listed as "Manas").
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from worldbrief.geo.gazetteer import Gazetteer, Place
from worldbrief.geo.place_names import name_key

SAME_NAME_RATIO = 0.5  # spellings at least this alike are one name ("Kiev", "Kyiv")
_POSSESSIVE = re.compile(r"['’]s$")


class ShownNames:
    """Decides, once per name and place within a text, which name to show."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._decided: dict[tuple[str, int], str] = {}

    def of(self, written: str, key: str, place: Place) -> str:
        decided = self._decided.get((key, place.index))
        if decided is None:
            decided = self._decide(written, key, place)
            self._decided[(key, place.index)] = decided
        return decided

    def _decide(self, written: str, key: str, place: Place) -> str:
        main = name_key(place.name)
        if not key or key == main or key in main or place.is_country:
            return place.name  # its own name, a short form of it ("Osh" for Osh Region)
        alternate = next(
            (c.alternate for c in self.gazetteer.candidates_for_key(key) if c.place == place),
            False,
        )
        if not alternate or SequenceMatcher(None, key, main).ratio() >= SAME_NAME_RATIO:
            return place.name
        return _as_written(written)


def _as_written(written: str) -> str:
    name = _POSSESSIVE.sub("", written.strip())
    return name.title() if name.isupper() and len(name) > 3 else name
