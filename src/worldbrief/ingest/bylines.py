"""Author fields to bylines: the person's name, never an e-mail address.

Feeds write authors as ``desk@example.org (Ines Diallo)`` (RSS 2.0), ``Ines Diallo
<desk@example.org>``, ``Ines Diallo (desk@example.org)`` or a bare address; pages put addresses
in author meta tags. A bare address gives no byline: it names a mailbox, not a writer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Linear: no nested quantifiers. Local part and domain exclude brackets and separators so the
# address never swallows the name written around it.
_EMAIL = re.compile(r"(?:mailto:)?[^\s<>()\[\]{},;:\"'@]+@[^\s<>()\[\]{},;:\"'@]+")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|<\s*>|\[\s*\]|\{\s*\}")
_ENCLOSING = ("()", "<>", "[]", '""', "''", "“”")
_EDGE_PUNCTUATION = " ,;:|/-–—"
# What blog and feed generators write when nobody is named.
_PLACEHOLDERS = frozenset({"unknown", "nobody", "none", "n/a"})


def byline_name(raw: str) -> str | None:
    """The name in one author field, or None when it holds only an address or nothing."""
    text = _EMAIL.sub(" ", raw)
    text = _EMPTY_BRACKETS.sub(" ", text)
    text = " ".join(text.split()).strip(_EDGE_PUNCTUATION)
    while len(text) >= 2 and text[0] + text[-1] in _ENCLOSING:
        inner = text[1:-1]
        if text[0] in inner or text[-1] in inner:
            break  # "(Ines) Diallo (Sahel)" is not one bracketed name
        text = inner.strip(_EDGE_PUNCTUATION)
    if not text or text.lower() in _PLACEHOLDERS:
        return None
    return text


def byline_names(fields: Iterable[str]) -> tuple[str, ...]:
    """The names in ``fields`` in order, each once (ignoring case)."""
    seen: set[str] = set()
    names: list[str] = []
    for field in fields:
        name = byline_name(field)
        if name is not None and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return tuple(names)
