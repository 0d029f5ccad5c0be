"""Unions of many regular expressions that Python's matcher scans quickly.

Python's ``re`` tries the alternatives of a union one after another at every position; with a
few hundred cue words that is most of the events stage's time. An alternative that begins with
a plain character is skipped at the cost of one comparison, so ``first_letter_union`` splits
each expression into its top-level alternatives and groups them under their first letter
(``clash|clamp|fought`` becomes ``cla(?:sh|mp)|fought`` in spirit): at a position only the
alternatives that can start there are tried. The union matches at exactly the positions the
plain union does; only which alternative wins at a position may differ, so callers that need
the plain union's match (its groups, its length) take the position from the fast union and
match the plain expression there (``matches_at_positions``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

_QUANTIFIERS = frozenset("?*+{")


def top_level_alternatives(expression: str) -> list[str]:
    """The alternatives of ``expression`` at its outer level: ``a|b(?:c|d)|e`` gives
    ``a``, ``b(?:c|d)`` and ``e``."""
    parts: list[str] = []
    depth, start, index = 0, 0, 0
    in_class = False
    while index < len(expression):
        char = expression[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if expression[index + 1 : index + 2] == "^":
                index += 1
            index += 1  # a "]" first in a class is a member, not its end
            if expression[index : index + 1] == "]":
                index += 1
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(expression[start:index])
            start = index + 1
        index += 1
    parts.append(expression[start:])
    return parts


def first_letter_union(
    expressions: Iterable[str], *, ignore_case: bool = False, suffix: str = ""
) -> str:
    """One expression matching where any of ``expressions`` does (each followed by
    ``suffix``), grouped by first letter. With ``ignore_case`` the result matches as the
    expressions would under ``re.IGNORECASE``, without that flag on the whole (which would
    stop the matcher from skipping alternatives by their first letter)."""
    by_letter: dict[str, list[str]] = {}
    others: list[str] = []
    for expression in expressions:
        for alternative in top_level_alternatives(expression):
            first = alternative[:1]
            follows = alternative[1:2]
            if first.isalpha() and first.isascii() and follows not in _QUANTIFIERS:
                by_letter.setdefault(first.lower(), []).append(alternative[1:])
            else:
                others.append(alternative)
    flags = "(?i:" if ignore_case else "(?:"
    branches = []
    for letter, rests in sorted(by_letter.items()):
        head = f"[{''.join(_case_variants(letter))}]" if ignore_case else letter
        branches.append(f"{head}{flags}{'|'.join(f'(?:{r}){suffix}' for r in rests)})")
    branches += [f"{flags}{other}){suffix}" for other in others]
    return "|".join(branches)


@cache
def _case_variants(letter: str) -> tuple[str, ...]:
    """Every character ``letter`` matches under ``re.IGNORECASE`` ("k": k, K and the Kelvin
    sign)."""
    pattern = re.compile(re.escape(letter), re.IGNORECASE)
    return tuple(c for c in map(chr, range(0x3000)) if pattern.fullmatch(c))


def matches_at_positions(
    fast: re.Pattern[str], exact: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """``exact.finditer(text)``, found faster: ``fast`` (a ``first_letter_union`` of the same
    alternatives) finds where the next match starts, and ``exact`` is matched there."""
    position = 0
    while (found := fast.search(text, position)) is not None:
        match = exact.match(text, found.start())
        if match is None:  # pragma: no cover - the two expressions match at the same places
            position = found.start() + 1
            continue
        yield match
        position = match.end() if match.end() > match.start() else match.start() + 1
