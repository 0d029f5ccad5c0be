"""Sentence spans of a text, found in one linear pass.

A sentence ends at ``.``, ``!`` or ``?`` followed by space and a capital, digit or quote, or at a
blank line (a single line break does not end one: wire copy wraps its lines). Abbreviations
such as "Gen." or "U.S." do not end one. A run of text without any end
is cut every ``MAX_SENTENCE_CHARS`` characters so that no later step sees an unbounded sentence.
"""

from __future__ import annotations

import re

from worldbrief.domain.spans import Span

MAX_SENTENCE_CHARS = 1_000
_END = re.compile(r"""(?<=[.!?])["'”’)]*\s+(?=["'“‘(]?[A-Z0-9])|[ \t]*\n[ \t]*\n\s*""")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Capt|Sgt|Gov|Sen|Rep|Rev|Prof|St|Jr|Sr|No|Vol|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|est|vs|etc)|\b[A-Z])\.$"
)


def sentence_spans(text: str) -> list[Span]:
    """The spans of ``text``'s sentences, trimmed of surrounding space, none empty."""
    spans: list[Span] = []
    start = 0
    for end in _END.finditer(text):
        if text[end.start() - 1 : end.start()] == "." and "\n\n" not in end.group():
            tail = text[max(start, end.start() - 8) : end.start()]
            if _ABBREVIATION.search(tail):
                continue
        _add(spans, text, start, end.start())
        start = end.end()
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        spans.append(Span(start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append(Span(start, end))
