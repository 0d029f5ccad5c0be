"""The cue lexicon (``data/cues.tsv``): which event kinds a sentence's words point to.

One union expression finds, in a single pass over a whole text, whether a sentence has any cue
at all (most sentences have none and cost nothing more); the expressions of each kind then say
which kinds a cue-bearing sentence points to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files


@dataclass(frozen=True, slots=True)
class CueLexicon:
    any_cue: re.Pattern[str]
    by_kind: tuple[tuple[str, re.Pattern[str]], ...]

    def kinds_in(self, sentence: str) -> list[str]:
        """The kinds whose cues ``sentence`` contains, each once, in lexicon order."""
        return [kind for kind, pattern in self.by_kind if pattern.search(sentence)]


@cache
def cue_lexicon() -> CueLexicon:
    text = files("worldbrief.events").joinpath("data/cues.tsv").read_text("utf-8")
    by_kind: list[tuple[str, re.Pattern[str]]] = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, expression = line.split("\t", 1)
            by_kind.append((kind, re.compile(rf"\b(?:{expression})", re.IGNORECASE)))
    union = "|".join(f"(?:{p.pattern[2:]})" for _, p in by_kind)
    return CueLexicon(re.compile(rf"\b(?:{union})", re.IGNORECASE), tuple(by_kind))
