"""News datelines: "LONDON, March 3 -", "PORTLAND, Ore., Jan 5 -", "KYIV (Reuters) -"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from worldbrief.domain import Span

_WORD = r"[A-Z][A-Za-z.'’\-]*"
_LINK = r"(?:de|da|do|del|la|le|al|el|es|of|upon|am|an|sur)"
_PLACE = rf"{_WORD}(?:[ ](?:{_WORD}|{_LINK})){{0,4}}"
_MONTH = r"(?i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[A-Za-z]*\.?"
_AGENCY = r"\((?:Reuters|REUTERS|AP|AFP|UPI|Bloomberg|dpa|Xinhua|IANS|PTI)\)"
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE})(?:,[ ]*(?P<qualifier>{_PLACE}))?"
    rf"(?:,[ ]*{_MONTH}[ ]+\d{{1,2}}(?:[ ]*{_AGENCY})?|[ ]*{_AGENCY})[ ]*[-–—]"
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """The place a story was filed from, and the state or country after it if given."""

    place: str
    place_span: Span
    qualifier: str | None = None
    qualifier_span: Span | None = None


def find_dateline(text: str, start: int = 0) -> Dateline | None:
    """The dateline opening ``text`` at ``start`` (leading whitespace allowed), if any."""
    position = start
    while position < len(text) and text[position].isspace():
        position += 1
    match = _DATELINE.match(text, position)
    if match is None:
        return None
    place_span = Span(match.start("place"), match.end("place"))
    if match.group("qualifier") is None:
        return Dateline(match.group("place"), place_span)
    qualifier_span = Span(match.start("qualifier"), match.end("qualifier"))
    return Dateline(match.group("place"), place_span, match.group("qualifier"), qualifier_span)
