"""Kept answers in gzip too, for the clients that accept it.

Compressed once when an answer is kept, then sent to every client whose ``Accept-Encoding``
allows gzip. Only shared answers are compressed: they hold nothing secret, so compression
cannot be used to guess a secret from the answer's size (BREACH).
"""

from __future__ import annotations

import gzip

from starlette.datastructures import Headers

# Smaller answers gain less than the header costs.
MIN_BYTES = 1024
_LEVEL = 6
_TEXT_TYPES = (b"text/", b"application/json", b"application/xml", b"application/atom+xml")


def compressed(headers: tuple[tuple[bytes, bytes], ...], body: bytes) -> bytes | None:
    """The gzip form of a text answer when it is worth sending, else None."""
    names = {name.lower(): value for name, value in headers}
    content_type = names.get(b"content-type", b"").lower()
    if b"content-encoding" in names or len(body) < MIN_BYTES:
        return None
    if not content_type.startswith(_TEXT_TYPES):
        return None
    packed = gzip.compress(body, compresslevel=_LEVEL, mtime=0)  # the same bytes every time
    return packed if len(packed) < len(body) * 0.9 else None


def accepts_gzip(headers: Headers) -> bool:
    """Whether ``Accept-Encoding`` allows gzip (named, or ``*``, with a quality above 0)."""
    qualities: dict[str, float] = {}
    for item in headers.get("accept-encoding", "").split(","):
        coding, _, params = item.partition(";")
        coding = coding.strip().lower()
        if not coding:
            continue
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        qualities[coding] = quality
    gzip_quality = qualities.get("gzip", qualities.get("x-gzip", qualities.get("*", 0.0)))
    return gzip_quality > 0


def with_encoding(headers: list[tuple[bytes, bytes]], length: int) -> list[tuple[bytes, bytes]]:
    """``headers`` of the gzip form: its length and coding."""
    kept = [(n, v) for n, v in headers if n.lower() != b"content-length"]
    return [*kept, (b"content-length", str(length).encode()), (b"content-encoding", b"gzip")]
