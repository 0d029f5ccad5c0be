"""Bytes to text: a byte-order mark, else a declared charset, else UTF-8, else a guessed one.

UTF-8 is tried first and costs one decode; only bytes that are not UTF-8 are guessed
(``legacy_charsets``). Never raises on odd bytes: the last resort is cp1252 with its undefined
bytes read as latin-1, which maps every byte. Binary data is recognised (NUL bytes, many control
characters) so it can be rejected instead of read as text.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from worldbrief.ingest.legacy_charsets import declared_codec, guess_legacy_codec

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_SNIFF_BYTES = 8192
_MAX_CONTROL_SHARE = 0.02
_MIN_CONTROLS = 8  # a few stray control characters do not make a text binary


class BinaryContentError(ValueError):
    """The bytes are not text in any encoding we read."""


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str  # "utf-8", "utf-16", or the declared or guessed charset (codecs' name)

    @property
    def is_fallback(self) -> bool:
        """True when the text was not UTF-8, so a reader should note the encoding it used."""
        return self.encoding != "utf-8"


def bom_encoding(head: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def sniff_binary(head: bytes) -> str | None:
    """A reason when the first bytes look binary (NUL bytes without a UTF-16 BOM), else None."""
    if bom_encoding(head) == "utf-16" or b"\x00" not in head[:_SNIFF_BYTES]:
        return None
    return "contains binary data (NUL bytes); if it is UTF-16 text, save it with a byte-order mark"


def decode_bytes(data: bytes, declared: str | None = None) -> DecodedText:
    """Decode ``data``: BOM, then ``declared`` (an HTTP or page charset), UTF-8, then the
    legacy charset the bytes look like, then cp1252."""
    by_bom = bom_encoding(data)
    if by_bom is not None:
        text = data.decode(by_bom, errors="replace")
        decoded = DecodedText(text, "utf-8" if by_bom == "utf-8-sig" else "utf-16")
    else:
        decoded = _decode_without_bom(data, declared)
    _reject_binary(decoded.text)
    return decoded


def decode_line(data: bytes, legacy: str | None = None) -> DecodedText:
    """One line of a line-oriented file (no binary check): UTF-8, else ``legacy`` (the
    charset an earlier line of the file was found in), else as ``decode_bytes`` guesses."""
    return _decode_without_bom(data, None, legacy)


@dataclass(frozen=True, slots=True)
class OversizeLine:
    """A line longer than the cap: skipped unread, only its size is known."""

    size: int


def iter_decoded_lines(
    path: Path, max_line_bytes: int
) -> Iterator[tuple[int, DecodedText | OversizeLine]]:
    """Lines of a file with their 1-based numbers, streamed; each line decoded on its own.

    A line over ``max_line_bytes`` is never held in memory whole: it comes as ``OversizeLine``.
    """
    with path.open("rb") as handle:
        head = handle.read(4)
        handle.seek(0)
        if bom_encoding(head) == "utf-16":
            with io.TextIOWrapper(handle, encoding="utf-16", errors="replace") as reader:
                yield from _utf16_lines(reader, max(1, max_line_bytes // 2))
            return
        number = 0
        legacy: str | None = None  # a file has one charset: guessed once, on its first line
        while raw := handle.readline(max_line_bytes + 1):
            number += 1
            if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
                yield number, OversizeLine(len(raw) + _skip_rest_of_line(handle))
                continue
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            decoded = decode_line(raw, legacy)
            legacy = decoded.encoding if decoded.is_fallback else legacy
            yield number, decoded


def _skip_rest_of_line(handle: io.BufferedReader) -> int:
    skipped = 0
    while chunk := handle.readline(_SNIFF_BYTES):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _utf16_lines(
    reader: io.TextIOWrapper, max_chars: int
) -> Iterator[tuple[int, DecodedText | OversizeLine]]:
    number = 0
    while line := reader.readline(max_chars + 1):
        number += 1
        if len(line) > max_chars and not line.endswith("\n"):
            size = len(line)
            while rest := reader.readline(_SNIFF_BYTES):
                size += len(rest)
                if rest.endswith("\n"):
                    break
            yield number, OversizeLine(size * 2)
            continue
        yield number, DecodedText(line, "utf-16")


def _decode_without_bom(
    data: bytes, declared: str | None, legacy: str | None = None
) -> DecodedText:
    named = declared_codec(declared)
    for encoding in dict.fromkeys(c for c in (named, "utf-8", legacy) if c is not None):
        if (text := _strictly(data, encoding)) is not None:
            return DecodedText(text, encoding)
    if named is not None and named != "utf-8":
        # A declared legacy charset is trusted over a guess, a few bad bytes notwithstanding;
        # a declared UTF-8 that does not decode is a server default, not the page's charset.
        return DecodedText(_leniently(data, named), named)
    guessed = guess_legacy_codec(data)
    if guessed is not None and (text := _strictly(data, guessed)) is not None:
        return DecodedText(text, guessed)
    return DecodedText(_leniently(data, "cp1252"), "cp1252")


def _leniently(data: bytes, encoding: str) -> str:
    if encoding == "cp1252":  # as browsers do: its five undefined bytes read as latin-1
        return data.decode("cp1252", errors=_LATIN1_FOR_HOLES)
    return data.decode(encoding, errors="replace")


def _strictly(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _latin1_for_holes(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    hole = error.object[error.start : error.end]
    return bytes(hole).decode("latin-1"), error.end


_LATIN1_FOR_HOLES = "worldbrief.latin1-for-holes"
codecs.register_error(_LATIN1_FOR_HOLES, _latin1_for_holes)


def _reject_binary(text: str) -> None:
    sample = text[:_SNIFF_BYTES]
    if "\x00" in sample:
        raise BinaryContentError("contains binary data (NUL characters), not text")
    controls = len(_CONTROL.findall(sample))
    if controls >= _MIN_CONTROLS and controls / len(sample) > _MAX_CONTROL_SHARE:
        raise BinaryContentError("looks like binary data: too many control characters for text")
