"""The features the classifier reads from a sentence: word unigrams and bigrams (lower case,
lightly stemmed so that "clashed" and "clashes" meet) and the kinds its cues point to."""

from __future__ import annotations

import itertools
import re

_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
_SUFFIXES = ("ing", "ed", "es", "s")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "and",
        "or",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "has",
        "had",
        "have",
        "that",
        "this",
        "it",
        "its",
        "their",
        "his",
        "her",
        "they",
        "he",
        "she",
        "which",
        "who",
    ]
)


def stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def sentence_features(sentence: str, cue_kinds: list[str]) -> list[str]:
    words = [stem(w) for w in _WORD.findall(sentence.lower()) if w not in _STOP]
    words = ["#" if w.isdigit() else w for w in words]
    features = [f"w:{w}" for w in words]
    features += [f"b:{a}_{b}" for a, b in itertools.pairwise(words)]
    features += [f"cue:{k}" for k in cue_kinds]
    return features
