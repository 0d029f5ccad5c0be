"""SimHash fingerprints: near-duplicate texts (one wire story on two sites) get nearby hashes."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from typing import ClassVar

from worldbrief.domain import Article

_WORD = re.compile(r"\w+", re.UNICODE)
_SHINGLE = 3  # word trigrams: robust to small edits, sensitive to real rewrites
_MASK = (1 << 64) - 1


def _hash64(token: str) -> int:
    return int.from_bytes(hashlib.blake2b(token.encode(), digest_size=8).digest(), "big")


def simhash(text: str) -> int:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < _SHINGLE:
        shingles = [" ".join(words)] if words else []
    else:
        shingles = [" ".join(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)]
    weights = [0] * 64
    for shingle in shingles:
        h = _hash64(shingle)
        for bit in range(64):
            weights[bit] += 1 if (h >> bit) & 1 else -1
    value = 0
    for bit, weight in enumerate(weights):
        if weight > 0:
            value |= 1 << bit
    return value & _MASK


def hamming(a: int, b: int) -> int:
    return (a ^ b).bit_count()


class Fingerprint:
    name: ClassVar[str] = "fingerprint"
    requires: ClassVar[frozenset[str]] = frozenset({"plain_text"})
    assigns: ClassVar[frozenset[str]] = frozenset({"enrichment.simhash"})

    def __call__(self, article: Article) -> Article:
        # The title is left out: sites rewrite headlines of the same wire story.
        body = article.plain_text[len(article.title) :]
        enrichment = dataclasses.replace(article.enrichment, simhash=simhash(body))
        return dataclasses.replace(article, enrichment=enrichment)
