"""How many were killed, when a sentence says so: "at least 12 killed" -> 12, "killing six",
"left 30 dead", "the death toll rose to 40"; "dozens dead" -> 24, approximate.

A stated number (with "at least" or not) is exact; a hedge ("about", "nearly", "more than") or a
word for a vague quantity ("dozens", "scores", "hundreds", "several") makes it approximate, and
the number then is a lower bound. The largest count of an event's sentences wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
_WORD_NUMBERS = {w: i for i, w in enumerate(_SMALL)} | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a dozen": 12,
    "dozen": 12,
}
_VAGUE = {
    "several": 3,
    "a few": 3,
    "dozens": 24,
    "dozens of": 24,
    "scores": 40,
    "scores of": 40,
    "hundreds": 200,
    "hundreds of": 200,
    "thousands": 2000,
    "thousands of": 2000,
}
_COUNT = (
    r"(?P<count>\d{1,3}(?:,\d{3})*|\d+|"
    + "|".join(sorted(_WORD_NUMBERS, key=len)[::-1])
    + r"|several|a few|dozens(?: of)?|scores(?: of)?|hundreds(?: of)?|thousands(?: of)?)"
)
_HEDGE = r"(?P<hedge>at least|more than|over|about|around|nearly|almost|some|roughly|up to)?\s*"
_WHO = r"(?:\s+(?:\w+\s+){0,3}?(?:people|persons|civilians|soldiers|troops|fighters|militants|"
_WHO += r"police(?:men)?|officers|protesters|demonstrators|students|villagers|residents|others|"
_WHO += r"children|women|men|workers|worshippers|passengers|members|rebels|insurgents|policemen))?"
_DEATH = r"(?:were |have been |had been |was |are |being )?"
_DEATH += r"(?:killed|dead|died|slain|lost their lives|shot dead|massacred)"
_PATTERNS = (
    re.compile(rf"\b{_HEDGE}{_COUNT}{_WHO}\s+(?:\w+\s+)?{_DEATH}\b", re.IGNORECASE),
    re.compile(rf"\b(?:killing|killed|kills)\s+{_HEDGE}{_COUNT}{_WHO}\b", re.IGNORECASE),
    re.compile(rf"\b(?:left|leaving)\s+{_HEDGE}{_COUNT}{_WHO}\s+dead\b", re.IGNORECASE),
    re.compile(
        rf"\bdeath toll (?:\w+\s+){{0,3}}?(?:to|of|at|reached|stood at)\s+{_HEDGE}{_COUNT}\b",
        re.IGNORECASE,
    ),
    re.compile(rf"\b{_HEDGE}{_COUNT}\s+(?:deaths|fatalities|dead)\b", re.IGNORECASE),
)


@dataclass(frozen=True, slots=True)
class Fatalities:
    count: int
    approximate: bool


# Every pattern needs one of these words: an ASCII sentence without any (most sentences) cannot
# match, and is not scanned five times over. Other texts are scanned, as case folding differs.
_NEEDED = ("kill", "dead", "died", "slain", "lost their lives", "massacred", "death", "fatalities")


def read_fatalities(sentences: list[str]) -> Fatalities | None:
    best: Fatalities | None = None
    for sentence in sentences:
        if sentence.isascii():
            lowered = sentence.lower()
            if not any(word in lowered for word in _NEEDED):
                continue
        for pattern in _PATTERNS:
            for match in pattern.finditer(sentence):
                found = _count(match)
                if found is not None and (best is None or found.count > best.count):
                    best = found
    return best


def _count(match: re.Match[str]) -> Fatalities | None:
    written = match.group("count").lower()
    hedge = (match.group("hedge") or "").lower()
    if written.replace(",", "").isdigit():
        count = int(written.replace(",", ""))
        if count > 100_000 or (1900 <= count <= 2100 and "," not in written):
            return None  # a year, or no count of the dead
        return Fatalities(count, hedge not in ("", "at least"))
    if written in _VAGUE:
        return Fatalities(_VAGUE[written], True)
    if written == "zero":
        return Fatalities(0, False)
    return Fatalities(_WORD_NUMBERS[written], hedge not in ("", "at least"))
