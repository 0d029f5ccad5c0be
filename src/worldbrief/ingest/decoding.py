"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else a declared or legacy charset.

Never raises on odd bytes: the last resort is cp1252 with its undefined bytes read as latin-1,
which maps every byte. Binary data is recognised (NUL bytes, many control characters) so it can
be rejected instead of read as text.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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
    encoding: str  # "utf-8", "utf-16", "cp1252" or a declared charset

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
    """Decode ``data``: BOM, then ``declared`` (an HTTP charset), UTF-8, then cp1252."""
    by_bom = bom_encoding(data)
    if by_bom is not None:
        text = data.decode(by_bom, errors="replace")
        decoded = DecodedText(text, "utf-8" if by_bom == "utf-8-sig" else "utf-16")
    else:
        decoded = _decode_without_bom(data, declared)
    _reject_binary(decoded.text)
    return decoded


def decode_line(data: bytes) -> DecodedText:
    """One line of a line-oriented file: UTF-8, else cp1252 (no binary check)."""
    return _decode_without_bom(data, None)


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
        while raw := handle.readline(max_line_bytes + 1):
            number += 1
            if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
                yield number, OversizeLine(len(raw) + _skip_rest_of_line(handle))
                continue
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            yield number, decode_line(raw)


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


def _decode_without_bom(data: bytes, declared: str | None) -> DecodedText:
    candidates = [c for c in (_known_codec(declared), "utf-8") if c is not None]
    for encoding in dict.fromkeys(candidates):
        try:
            return DecodedText(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    # As browsers do: cp1252, with its five undefined bytes read as latin-1.
    return DecodedText(data.decode("cp1252", errors=_LATIN1_FOR_HOLES), "cp1252")


def _latin1_for_holes(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    hole = error.object[error.start : error.end]
    return bytes(hole).decode("latin-1"), error.end


_LATIN1_FOR_HOLES = "worldbrief.latin1-for-holes"
codecs.register_error(_LATIN1_FOR_HOLES, _latin1_for_holes)


def _known_codec(name: str | None) -> str | None:
    """The codec's canonical name, or None when Python does not know the charset."""
    if not name:
        return None
    try:
        canonical = codecs.lookup(name.strip()).name
    except LookupError:
        return None
    return "utf-8" if canonical in {"utf-8", "utf-8-sig"} else canonical


def _reject_binary(text: str) -> None:
    sample = text[:_SNIFF_BYTES]
    if "\x00" in sample:
        raise BinaryContentError("contains binary data (NUL characters), not text")
    controls = len(_CONTROL.findall(sample))
    if controls >= _MIN_CONTROLS and controls / len(sample) > _MAX_CONTROL_SHARE:
        raise BinaryContentError("looks like binary data: too many control characters for text")
