"""Snippets as safe HTML: every character of article text escaped, matches wrapped in <mark>.

Engine-neutral: a backend finds the fragment and its matches, this module writes it out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape

SNIPPET_CHARS = 200
ELLIPSIS = "…"
_WHITESPACE = re.compile(r"\s+")
_MARK = re.compile(r"(</?mark>)")


@dataclass(frozen=True, slots=True)
class PlainSnippet:
    """A snippet as plain text and the ``[start, end)`` offsets (code points) of its matches."""

    text: str
    highlights: tuple[tuple[int, int], ...]


def plain_snippet(marked: str) -> PlainSnippet:
    """The plain form of a snippet made here (escaped text, ``<mark>`` around matches).

    Exact because this module escapes every character of article text, so the only tags are
    ours; clients that are not browsers get text without entities and need no HTML parser.
    """
    text: list[str] = []
    highlights: list[tuple[int, int]] = []
    length, start = 0, None
    for piece in _MARK.split(marked):
        if piece == "<mark>":
            start = length
        elif piece == "</mark>":
            if start is not None and length > start:
                highlights.append((start, length))
            start = None
        else:
            plain = unescape(piece)
            text.append(plain)
            length += len(plain)
    return PlainSnippet("".join(text), tuple(highlights))


def marked_fragment(pieces: list[tuple[str, bool]], left_before: str, left_after: str) -> str:
    """A fragment as snippet HTML: ``pieces`` are its text in order, each flagged when it is a
    match; ``left_before``/``left_after`` the source text outside the fragment (an ellipsis
    stands for left-out words). Every backend's highlighter ends here, so snippets read alike.
    """
    return _edge(left_before, ELLIPSIS + " ") + _join(pieces) + _edge(left_after, " " + ELLIPSIS)


def _edge(left_out: str, ellipsis: str) -> str:
    """An ellipsis when words were left out; bare punctuation ("." or a quote) is kept instead."""
    if any(ch.isalnum() for ch in left_out):
        return ellipsis
    return escape(left_out.strip())


def _join(pieces: list[tuple[str, bool]]) -> str:
    out = []
    for text, is_match in pieces:
        flat = _WHITESPACE.sub(" ", text)
        out.append(f"<mark>{escape(flat)}</mark>" if is_match else escape(flat))
    return "".join(out).strip()


def leading_excerpt(text: str, max_chars: int = SNIPPET_CHARS) -> str:
    """The start of ``text``, escaped, cut at a word boundary: the snippet when nothing matched."""
    flat = _WHITESPACE.sub(" ", text).strip()
    if len(flat) <= max_chars:
        return escape(flat)
    cut = flat.rfind(" ", 0, max_chars)
    return escape(flat[: cut if cut > 0 else max_chars]) + " " + ELLIPSIS
