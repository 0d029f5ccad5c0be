"""Where an event happened: the most specific place the geoparser found in the event's own
sentences, else in the nearest sentence before them, else the text's first place.

A town or a spot is more specific than a district, a district than a province, a province than
a country; among places alike, the first named wins ("in Taraganj town (Rangpur)")."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from worldbrief.domain.geo import PlaceMention
from worldbrief.domain.spans import Span

_ADMIN_RANK = {"ADM5": 1, "ADM4": 2, "ADM3": 3, "ADM2": 4, "ADMD": 4, "ADM1": 5}


def specificity(place: PlaceMention) -> int:
    """Lower is more specific."""
    feature_class, _, code = place.feature.partition(".")
    if feature_class in ("P", "S", "L", "T", "H", "R", "V", "U"):
        return 0
    if feature_class == "A":
        return _ADMIN_RANK.get(code, 6)
    return 6


def event_place(
    places: Sequence[PlaceMention], evidence: Sequence[Span], sentences: Sequence[Span]
) -> PlaceMention | None:
    """``places`` in text order; ``sentences`` every sentence of the text."""
    if not places:
        return None
    starts = [p.start for p in places]
    for span in evidence:
        inside = _within(places, starts, span.start, span.end)
        if inside:
            return min(inside, key=specificity)
    first = min(evidence).start
    before = [s for s in sentences if s.end <= first]
    for span in reversed(before[-3:]):  # the nearest context before the event
        inside = _within(places, starts, span.start, span.end)
        if inside:
            return min(inside, key=specificity)
    return min(places[:3], key=specificity)


def _within(
    places: Sequence[PlaceMention], starts: list[int], start: int, end: int
) -> list[PlaceMention]:
    low, high = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    return list(places[low:high])
