"""Word shingles of a text, hashed, and the resemblance of two texts measured on them.

A shingle is a run of ``SHINGLE_WORDS`` consecutive lower-cased words. Each is hashed once with
BLAKE2b to a 64-bit integer, stable across processes and versions (unlike Python's ``hash()``).
"""

from __future__ import annotations

import re
from hashlib import blake2b
from typing import Any

import numpy as np
import numpy.typing as npt

SHINGLE_WORDS = 3  # word trigrams: an added byline or sentence touches few of them
_WORD = re.compile(r"\w+", re.UNICODE)


def shingle_hashes(text: str) -> frozenset[int]:
    """The distinct 64-bit hashes of the text's word shingles (a text of fewer words than a
    shingle is one shingle; an empty text has none)."""
    return frozenset(sorted_shingle_hashes(text).tolist())


def sorted_shingle_hashes(text: str) -> npt.NDArray[np.uint64]:
    """``shingle_hashes`` as a sorted array. Each distinct shingle is hashed once and the
    digests are read as big-endian integers in one step, not one ``int`` call each."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        distinct = {" ".join(words)} if words else set()
    else:
        distinct = set(map(" ".join, zip(words, words[1:], words[2:], strict=False)))
    digests = b"".join([blake2b(s.encode(), digest_size=8).digest() for s in distinct])
    return np.unique(np.frombuffer(digests, dtype=">u8").astype(np.uint64))


def shingle_set(text: str) -> frozenset[tuple[str, ...]]:
    """The text's distinct word shingles themselves: the same sets as ``shingle_hashes`` up to
    hash collisions, built without hashing each one, for comparing texts within one process."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return frozenset({tuple(words)}) if words else frozenset()
    return frozenset(zip(*(words[i:] for i in range(SHINGLE_WORDS)), strict=False))


def set_resemblance(a: frozenset[Any], b: frozenset[Any]) -> float:
    """max(Jaccard, containment of the smaller set in the larger); 0.0 if either is empty.

    Containment is never below Jaccard, so the maximum is the containment itself.
    """
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def number_tokens(text: str) -> frozenset[str]:
    """The words of ``text`` that contain a digit ("1987", "6-1/16" gives "6", "1", "16")."""
    # Most words are letters only: the cheap test first, the exact one on the rest.
    words = _WORD.findall(text.lower())
    return frozenset(w for w in words if not w.isalpha() and any(map(str.isdigit, w)))


def number_agreement(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set of numbers found in the larger; 1.0 when either text has none.

    A copy keeps the figures of its original; a templated report of another day (the same
    sentence with new amounts) does not, though nearly all its words match.
    """
    if not a or not b:
        return 1.0
    return len(a & b) / min(len(a), len(b))


def resemblance(text_a: str, text_b: str) -> float:
    """How much two texts say the same thing, from 0.0 to 1.0: 1.0 when one text's shingles
    all appear in the other (a wire story and the same story with a byline added)."""
    return set_resemblance(shingle_hashes(text_a), shingle_hashes(text_b))


def _hash64(shingle: str) -> int:
    return int.from_bytes(blake2b(shingle.encode(), digest_size=8).digest(), "big")
