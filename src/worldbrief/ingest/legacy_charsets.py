"""Legacy (non-UTF-8) charsets: what a declared label means, and a guess for undeclared bytes.

The guess is charset-normalizer's, limited to the legacy encodings of the web (those of the
WHATWG Encoding Standard): never a DOS or mainframe code page, nor UTF-16 without a byte-order
mark. It tells scripts apart well (Cyrillic, Greek, Arabic, Hebrew, Thai, Chinese, Japanese,
Korean) but not the Latin code pages from one another, so a Latin guess is read as cp1252,
the web's default.
"""

from __future__ import annotations

import codecs
import re
from encodings.aliases import aliases

from charset_normalizer import from_bytes
from charset_normalizer.constant import IANA_SUPPORTED

# Python's names for the web's legacy encodings, each label's superset where it has one.
_GUESSABLE = [
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "cp874", "cp866", "iso8859_2", "iso8859_4", "iso8859_5", "iso8859_6", "iso8859_7",
    "iso8859_8", "iso8859_13", "iso8859_15", "koi8_r", "koi8_u", "mac_roman",
    "gb18030", "big5", "euc_jp", "cp932", "cp949",
]  # fmt: skip
_LATIN = frozenset({  # as ``codecs.lookup(...).name`` spells them
    "cp1250", "cp1252", "cp1254", "cp1257", "cp1258", "iso8859-1", "iso8859-2", "iso8859-4",
    "iso8859-9", "iso8859-13", "iso8859-15", "mac-roman",
})  # fmt: skip
_SAMPLE = 16_384  # characters looked at to compare decodings
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")
_LATIN_LETTERS = re.compile(r"[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
# Character sets with an IANA name; UTF-7 is left out, as browsers do (it can hide markup).
_CHARSETS = frozenset(IANA_SUPPORTED) - {"utf_7"}
# As browsers read them: a label names its superset, which decodes what pages really hold.
_SUPERSETS = {
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "tis-620": "cp874",
    "iso8859-11": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
}


def declared_codec(label: str | None) -> str | None:
    """The codec to read a declared charset with, or None when the label names no character
    set Python can decode (an unknown name, or a codec such as base64, rot13 or UTF-7)."""
    if not label:
        return None
    try:
        canonical = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    python_name = canonical.replace("-", "_")
    if aliases.get(python_name, python_name) not in _CHARSETS:
        return None
    if canonical in {"utf-8", "utf-8-sig"}:
        return "utf-8"
    return _SUPERSETS.get(canonical, canonical)


def guess_legacy_codec(data: bytes) -> str | None:
    """The most likely legacy encoding of ``data`` (which is not UTF-8), or None when nothing
    fits; ``"cp1252"`` for any Latin code page or text."""
    matches = list(from_bytes(data, cp_isolation=_GUESSABLE, enable_fallback=False))
    if not matches:
        return None
    first = matches[0]
    if codecs.lookup(first.encoding).name in _LATIN or "cp1252" in first.could_be_from_charset:
        return "cp1252"
    # Equally likely code pages of one language differ in a few places (ISO-8859-7 has Ά
    # where windows-1253 has ¶): the one that reads more of them as letters is right.
    peers = [m for m in matches if m.chaos <= first.chaos and m.language == first.language]
    best = max(peers, key=lambda m: _letter_count(str(m))) if len(peers) > 1 else first
    return "cp1252" if _mostly_latin(str(best)) else codecs.lookup(best.encoding).name


def _letter_count(text: str) -> int:
    return sum(map(str.isalpha, _beyond_ascii(text)))


def _mostly_latin(text: str) -> bool:
    """True when most letters beyond ASCII are Latin: a Latin text with a stray byte that
    some other code page happens to map (cp1256 keeps the French letters where cp1252 has
    them)."""
    rest = _beyond_ascii(text)
    return 2 * len(_LATIN_LETTERS.findall(rest)) >= sum(map(str.isalpha, rest))


def _beyond_ascii(text: str) -> str:
    return _ASCII_RUNS.sub("", text[:_SAMPLE])
