"""Find many names in text at once (Aho-Corasick), whole words only, longest match first.

Generic over what a name stands for, so country names today and gazetteer places later share it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class NameMatch(Generic[T]):
    """A name found at ``[start, end)`` of the text, with what it stands for."""

    start: int
    end: int
    text: str
    value: T


class NameMatcher(Generic[T]):
    """Case-sensitive whole-word matcher; add case variants to the names for other casings."""

    def __init__(self, names: Iterable[tuple[str, T]]) -> None:
        self._automaton = ahocorasick.Automaton()
        count = 0
        for text, value in names:
            if text:
                self._automaton.add_word(text, (len(text), value))
                count += 1
        if count:
            self._automaton.make_automaton()
        self._empty = count == 0

    def find(self, text: str) -> list[NameMatch[T]]:
        """Non-overlapping matches, leftmost then longest, that start and end on word edges."""
        if self._empty or not text:
            return []
        candidates: list[tuple[int, int, T]] = []
        for last, (length, value) in self._automaton.iter(text):
            start, end = last - length + 1, last + 1
            if _is_word_edge(text, start - 1) and _is_word_edge(text, end):
                candidates.append((start, end, value))
        candidates.sort(key=lambda c: (c[0], -c[1]))
        chosen: list[NameMatch[T]] = []
        taken_until = 0
        for start, end, value in candidates:
            if start >= taken_until:
                chosen.append(NameMatch(start, end, text[start:end], value))
                taken_until = end
        return chosen


def _is_word_edge(text: str, index: int) -> bool:
    """True when ``text[index]`` does not continue a word (or lies outside the text)."""
    if index < 0 or index >= len(text):
        return True
    return not (text[index].isalnum() or text[index] == "_")
