"""Unions grouped by first letter match where the plain unions do."""

from __future__ import annotations

import re

import pytest

from worldbrief.events.actors import actor_words_at
from worldbrief.events.cues import cue_lexicon
from worldbrief.events.unions import (
    first_letter_union,
    matches_at_positions,
    top_level_alternatives,
)

TEXTS = [
    "Police clashed with protesters in Dhaka on Sunday; gunmen ambushed a patrol.",
    "RIOT POLICE fired tear gas. Rebels retook the town after an air strike.",
    "Exchanges of gunfire, a shoot-out and a roadside bomb: the Kelvin sign \u212a stays a K.",
    "",
    "No event here, only markets and prices.",
]


def test_top_level_alternatives_leave_groups_classes_and_escapes_whole() -> None:
    assert top_level_alternatives(r"a|b(?:c|d)|e[|)]x|[]|]y|\|z|[^]|]w") == [
        "a",
        "b(?:c|d)",
        "e[|)]x",
        "[]|]y",
        r"\|z",
        "[^]|]w",
    ]


@pytest.mark.parametrize("ignore_case", [False, True])
def test_the_union_matches_at_the_positions_of_the_plain_union(ignore_case: bool) -> None:
    expressions = [r"clash(?:es|ed)?\b|gun ?fights?", r"s?hell(?:ed|ing)|(?:riot )?police", "k"]
    flags = re.IGNORECASE if ignore_case else 0
    plain = re.compile(r"\b(?:" + "|".join(f"(?:{e})" for e in expressions) + ")", flags)
    fast = re.compile(r"\b(?:" + first_letter_union(expressions, ignore_case=ignore_case) + ")")
    for text in TEXTS:
        for at in range(len(text) + 1):
            assert bool(fast.match(text, at)) == bool(plain.match(text, at)), (text, at)
        assert [m.span() for m in matches_at_positions(fast, plain, text)] == [
            m.span() for m in plain.finditer(text)
        ]


def test_cue_and_actor_words_are_found_as_before() -> None:
    text = TEXTS[0] + " " + TEXTS[1]
    lexicon = cue_lexicon()
    assert lexicon.kinds_in(text.lower())
    assert [text[i : i + 5].lower() for i in lexicon.cue_starts(text)][:2] == ["clash", "prote"]
    found = [(text[at : at + 6], kind.value) for at, kind in actor_words_at(text)]
    assert ("Police", "state forces") in found
    assert ("RIOT P", "state forces") in found
