"""Plain-text files: the first non-empty line is the title, the rest the body."""

from __future__ import annotations

from typing import Any

from worldbrief.domain import BodyFormat, RawDocument
from worldbrief.ingest.fields import RecordError


def read_text(text: str, *, location: str, **notes: Any) -> RawDocument:
    """The document; raises ``RecordError`` when there is no title line or no body after it."""
    lines = text.strip().splitlines()
    if not lines:
        raise RecordError("the text file has no text")
    body = "\n".join(lines[1:]).strip()
    if not body:
        raise RecordError("the text file has a title line but no body text after it")
    return RawDocument(
        location=location,
        title=lines[0].strip(),
        body=body,
        body_format=BodyFormat.TEXT,
        metadata=dict(notes),
    )
