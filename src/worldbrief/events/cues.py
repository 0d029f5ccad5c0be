"""The cue lexicon (``data/cues.tsv``): which event kinds a sentence's words point to.

One union expression (grouped by first letter, ``unions.py``) finds, in a single pass over a
whole text, whether a sentence has any cue at all (most sentences have none and cost nothing
more); the expressions of each kind then say which kinds a cue-bearing sentence points to.
Matching runs on lower-cased text with case-sensitive expressions that only start at a word's
first letter: Python's matcher is several times faster than with ``IGNORECASE`` tried at every
position.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from worldbrief.events.unions import first_letter_union


@dataclass(frozen=True, slots=True)
class CueLexicon:
    any_cue: re.Pattern[str]
    by_kind: tuple[tuple[str, re.Pattern[str]], ...]

    def cue_starts(self, text: str) -> Iterator[int]:
        """Where cue words start in ``text``, in order."""
        for match in self.any_cue.finditer(lowered(text)):
            yield match.start()

    def kinds_in(self, sentence: str) -> list[str]:
        """The kinds whose cues ``sentence`` contains, each once, in lexicon order."""
        words = lowered(sentence)
        # A kind's expression matches only where the union does: find those few places with
        # the union, then try each kind there rather than searching the sentence once a kind.
        positions = []
        position = 0
        while (found := self.any_cue.search(words, position)) is not None:
            positions.append(found.start())
            position = found.start() + 1
        if not positions:
            return []
        return [
            kind
            for kind, pattern in self.by_kind
            if any(pattern.match(words, at) for at in positions)
        ]

    def first_cue(self, kind: str, sentence: str) -> int | None:
        """Where the first cue of ``kind`` starts in ``sentence``."""
        for name, pattern in self.by_kind:
            if name == kind:
                found = pattern.search(lowered(sentence))
                return found.start() if found else None
        return None


def lowered(text: str) -> str:
    """``text`` in lower case, character for character (so offsets stay offsets)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


@cache
def cue_lexicon() -> CueLexicon:
    text = files("worldbrief.events").joinpath("data/cues.tsv").read_text("utf-8")
    expressions: list[tuple[str, str]] = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, expression = line.split("\t", 1)
            expressions.append((kind, expression))
    by_kind = tuple(
        (k, re.compile(rf"\b(?=[a-z])(?:{first_letter_union([e])})")) for k, e in expressions
    )
    union = first_letter_union(e for _, e in expressions)
    return CueLexicon(re.compile(rf"\b(?=[a-z])(?:{union})"), by_kind)
