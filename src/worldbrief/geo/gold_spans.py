"""Reading a given (gold) span: the gazetteer key of the place it names or contains."""

from __future__ import annotations

import re

from worldbrief.geo.gazetteer import Gazetteer
from worldbrief.geo.place_names import name_key
from worldbrief.geo.place_words import COMMON_CAPITALISED, FEATURE_WORDS, PLACE_TYPE_WORDS
from worldbrief.geo.work import current_tally

# Longer than any place's name written out (Bangkok's ceremonial name has 168 letters): a span
# this long is not read, and the text's home place stands in for it.
MAX_GOLD_SPAN_CHARS = 256

_FACILITY_TEXT = """
    street st avenue ave road rd boulevard blvd lane drive highway freeway interstate route
    church cathedral school college university hospital library museum hall building tower
    center centre stadium arena park bridge station hotel inn restaurant bar cafe market mall
    theater theatre plaza house office prison jail court courthouse airport base camp"""
_FACILITY_WORDS = frozenset(_FACILITY_TEXT.split())
# Words that never stand for a place on their own inside a longer name ("West Wing").
_FILLER_WORDS = _FACILITY_WORDS | COMMON_CAPITALISED | PLACE_TYPE_WORDS


def gold_key(gazetteer: Gazetteer, written: str) -> str:
    """The key of a given span, or of the place it contains ("Osh Region's", "the Aktau
    port"), or "" for a street or building, which the text's home place will stand in for."""
    key = name_key(re.sub(r"['’]s$", "", written.strip()))
    if gazetteer.has_key(key):
        return key
    words = key.split()
    if words and words[0] == "the":
        words = words[1:]
    if not words or words[-1] in _FACILITY_WORDS or words[-1] in FEATURE_WORDS:
        return ""  # a street, a building, a river: none is the town it is named after
    while words and words[-1] in PLACE_TYPE_WORDS:
        words = words[:-1]
        if gazetteer.has_key(" ".join(words)):
            return " ".join(words)
    # Pieces longer than any key cannot match: skipping them keeps a long span's reading
    # proportional to its length.
    tally = current_tally()
    for size in range(min(len(words) - 1, gazetteer.longest_key_words), 0, -1):
        for first in range(0, len(words) - size + 1):
            if tally is not None:
                tally.comparisons += 1
            piece = " ".join(words[first : first + size])
            if gazetteer.has_key(piece) and not _FILLER_WORDS.intersection(piece.split()):
                return piece
    return ""
