"""SimHash storage: 64-bit fingerprints split into four 16-bit bands for candidate lookup.

Two fingerprints within Hamming distance 3 differ in at most 3 of the 4 bands, so they share
at least one band exactly (pigeonhole): looking up rows that share any band finds every such
neighbour. At distance 4 or more a neighbour may differ in all bands; lookup is best effort.
"""

from __future__ import annotations

BAND_COUNT = 4
BAND_BITS = 16
GUARANTEED_DISTANCE = BAND_COUNT - 1
_BAND_MASK = (1 << BAND_BITS) - 1
_U64 = 1 << 64


def check_simhash(value: int) -> int:
    if not 0 <= value < _U64:
        raise ValueError(f"simhash {value} is not an unsigned 64-bit integer")
    return value


def to_signed(value: int) -> int:
    """Databases hold signed 64-bit integers; map the unsigned fingerprint onto them."""
    return check_simhash(value) - _U64 if value >= 1 << 63 else value


def from_signed(value: int) -> int:
    return value + _U64 if value < 0 else value


def bands(value: int) -> tuple[int, ...]:
    """The fingerprint's four 16-bit bands, least significant first."""
    check_simhash(value)
    return tuple((value >> (BAND_BITS * i)) & _BAND_MASK for i in range(BAND_COUNT))


def hamming(a: int, b: int) -> int:
    return (a ^ b).bit_count()
