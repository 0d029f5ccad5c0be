"""The lookup key of a place name: how two spellings of one name are made to meet.

Accents, case, dots, hyphens and apostrophes say little in English news ("Alma-Ata", "Alma Ata";
"St. Louis", "Saint Louis"; "Côte d'Ivoire", "Cote d’Ivoire"), so the key drops them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ABBREVIATED_WORDS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_SEPARATORS = re.compile(r"[\s\-‐‑–—_/]+")
_DROPPED = re.compile(r"[.'’‘`ʻʼ\"“”,()]")


@lru_cache(maxsize=65_536)  # the same few thousand names recur from text to text
def name_key(text: str) -> str:
    """The normalised form under which a name is indexed and looked up."""
    if text.isascii():  # nothing to decompose
        folded = text.casefold()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    words = _SEPARATORS.sub(" ", _DROPPED.sub("", folded)).split()
    return " ".join(_ABBREVIATED_WORDS.get(word, word) for word in words)


def is_latin_script(text: str) -> bool:
    """True when every letter is Latin (with accents): the names English news can use."""
    return all("LATIN" in unicodedata.name(ch, "") for ch in text if ch.isalpha())
