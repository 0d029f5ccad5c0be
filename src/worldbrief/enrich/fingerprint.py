"""Near-duplicate keys: a MinHash signature of the body's word shingles, cut into LSH bands.

Two bodies whose shingle sets have Jaccard similarity ``s`` share at least one key with
probability ``1 - (1 - s**ROWS) ** BANDS``: with 16 bands of 4 rows, 99.98% at s = 0.8, 89% at
0.6, 64% at 0.5, 12% at 0.3 and 0.2% at 0.1. Keys only nominate candidates; ``resemblance`` on
the texts decides. Why these choices: ``docs/decisions/0002-identity-and-duplicates.md``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import struct
from collections.abc import Iterable
from typing import ClassVar

import numpy as np
import numpy.typing as npt

from worldbrief.domain import Article
from worldbrief.enrich.registry import register_stage
from worldbrief.enrich.shingles import (
    number_agreement,
    number_tokens,
    resemblance,
    set_resemblance,
    shingle_hashes,
    sorted_shingle_hashes,
)

__all__ = [
    "BANDS",
    "ROWS",
    "Fingerprint",
    "band_keys",
    "comparison_text",
    "minhash_signature",
    "near_duplicate_keys",
    "number_agreement",
    "number_tokens",
    "resemblance",
    "set_resemblance",
    "shingle_hashes",
]

BANDS = 16
ROWS = 4
# Long texts are signed by their MAX_SHINGLES lowest shingle hashes: a consistent sample (two
# near-duplicates keep mostly the same one) that bounds the cost per article.
MAX_SHINGLES = 256
# Bodies under about twenty words (dividend notices, one-line briefs) get no keys: in the Reuters
# set most such "copies" are different companies' notices written from one template.
MIN_SHINGLES = 20
_BAND = struct.Struct(f">H{ROWS}Q")


def _permutations() -> tuple[tuple[int, int], ...]:
    """Fixed multipliers (odd) and offsets: stored keys depend on them, so they never change."""
    params = []
    for i in range(BANDS * ROWS):
        digest = hashlib.blake2b(f"worldbrief minhash {i}".encode(), digest_size=16).digest()
        params.append((int.from_bytes(digest[:8], "big") | 1, int.from_bytes(digest[8:], "big")))
    return tuple(params)


_PERMUTATIONS = _permutations()
# The same parameters as columns: unsigned 64-bit arithmetic wraps, which is the ``mod 2**64``.
_MULTIPLIERS = np.array([a for a, _ in _PERMUTATIONS], dtype=np.uint64).reshape(-1, 1)
_OFFSETS = np.array([b for _, b in _PERMUTATIONS], dtype=np.uint64).reshape(-1, 1)


def minhash_signature(hashes: Iterable[int]) -> tuple[int, ...]:
    """``BANDS * ROWS`` minima, one per permutation of the 64-bit hash space.

    ``x -> a*x + b (mod 2**64)`` with odd ``a`` is a bijection: a permutation for one multiply.
    """
    return _signature(np.array(sorted(hashes)[:MAX_SHINGLES], dtype=np.uint64))


def _signature(sample: npt.NDArray[np.uint64]) -> tuple[int, ...]:
    """The signature of ``sample``, the lowest (at most ``MAX_SHINGLES``) shingle hashes."""
    if not len(sample):
        raise ValueError("a MinHash signature needs at least one shingle")
    minima = (sample.reshape(1, -1) * _MULTIPLIERS + _OFFSETS).min(axis=1)
    return tuple(minima.tolist())


def band_keys(signature: tuple[int, ...]) -> tuple[int, ...]:
    """One key per band: a 63-bit hash of the band number and its rows (fits a signed BIGINT),
    sorted and distinct."""
    if len(signature) != BANDS * ROWS:
        raise ValueError(f"expected a signature of {BANDS * ROWS} values, got {len(signature)}")
    keys = set()
    for band in range(BANDS):
        packed = _BAND.pack(band, *signature[band * ROWS : (band + 1) * ROWS])
        digest = hashlib.blake2b(packed, digest_size=8).digest()
        keys.add(int.from_bytes(digest, "big") >> 1)
    return tuple(sorted(keys))


def near_duplicate_keys(text: str) -> tuple[int, ...]:
    """The LSH keys of ``text``; empty when it has fewer than ``MIN_SHINGLES`` shingles."""
    shingles = sorted_shingle_hashes(text)
    if len(shingles) < MIN_SHINGLES:
        return ()
    return band_keys(_signature(shingles[:MAX_SHINGLES]))


def comparison_text(article: Article) -> str:
    """What near-duplicates are judged on: the body, without the title, because sites rewrite
    the headline of the same wire story."""
    return article.plain_text[len(article.title) :]


class Fingerprint:
    name: ClassVar[str] = "fingerprint"
    requires: ClassVar[frozenset[str]] = frozenset({"plain_text"})
    assigns: ClassVar[frozenset[str]] = frozenset({"enrichment.near_duplicate_keys"})

    def __call__(self, article: Article) -> Article:
        keys = near_duplicate_keys(comparison_text(article))
        enrichment = dataclasses.replace(article.enrichment, near_duplicate_keys=keys)
        return dataclasses.replace(article, enrichment=enrichment)


register_stage(Fingerprint)
