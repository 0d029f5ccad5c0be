"""Fallback titles when a source gives none."""

from __future__ import annotations

import re
from pathlib import Path

_SEPARATORS = re.compile(r"[-_\s]+")


def title_from_file_name(path: Path) -> str:
    """``2024-05-kazakh_grain.md`` → ``2024 05 kazakh grain``: separators become spaces."""
    return _SEPARATORS.sub(" ", path.stem).strip() or path.name


def title_from_text(text: str, limit: int = 100) -> str:
    """The first line of ``text``, cut at a word boundary near ``limit`` characters."""
    first = text.strip().split("\n", 1)[0].strip()
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0]
    return f"{cut}…"
