"""Markdown files with optional YAML front matter (the block between two ``---`` lines)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from worldbrief.domain import BodyFormat, RawDocument
from worldbrief.ingest.fields import RecordError, read_record_fields
from worldbrief.ingest.front_matter import load_front_matter
from worldbrief.ingest.naming import title_from_file_name

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#\s+(.+?)(?:\s+#+)?\s*$")
_RESERVED = frozenset({"title"})


def read_markdown(path: Path, text: str, *, location: str, **notes: Any) -> RawDocument:
    """The document in ``text``; raises ``RecordError`` for bad front matter or an empty body."""
    front_matter, body = split_front_matter(text)
    fields = read_record_fields(front_matter, reserved=_RESERVED)
    title = front_matter.get("title")
    if isinstance(title, list | dict):
        raise RecordError("front matter field 'title' must be text, not a list or mapping")
    if title is None or not str(title).strip():
        heading, body = take_first_heading(body)
        title = heading or title_from_file_name(path)
    body = body.strip()
    if not body:
        raise RecordError("the Markdown file has no body text after its front matter and title")
    return fields.document(location, str(title).strip(), body, BodyFormat.MARKDOWN, **notes)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Front matter fields and the body after it; no front matter gives an empty mapping."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return {}, text
    for index in range(1, len(lines)):
        if lines[index].strip() in {"---", "..."}:
            return load_front_matter("".join(lines[1:index])), "".join(lines[index + 1 :])
    raise RecordError("front matter opens with '---' on line 1 but has no closing '---' line")


def take_first_heading(body: str) -> tuple[str | None, str]:
    """The first level-1 ``# heading`` outside code blocks, and the body without that line."""
    lines = body.splitlines(keepends=True)
    in_code = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            in_code = not in_code
            continue
        match = None if in_code else _HEADING.match(line)
        if match:
            return match.group(1).strip(), "".join(lines[:index] + lines[index + 1 :])
    return None, body
