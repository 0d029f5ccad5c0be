"""When two reports, from different articles, are of the same event (docs/events.md, "Linking
reports across articles"). Pure: the store looks the candidates up and asks ``best_match``.

Two reports are one event when they have the same subtype, dates to the day at most a day
apart, places in the same first-level division of the same country or within ``NEAR_KM`` of
each other, and, when both name actors, at least one actor in common (the same entity id, or
the same name, case aside). Only a report dated to the day and placed in a town or a division
is linked: a week ("last week", or the publication week of a text that names no date) or a
whole country says too little to tell one event from another, and merging on it would be a
guess (in the Reuters wire it merged dozens of unrelated agreements of one week in the US).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from worldbrief.geo.distance import distance_km

NEAR_KM = 50.0
MAX_DAYS_APART = 1
DAY = "day"  # the only date precision that is linked


@dataclass(frozen=True, slots=True)
class LinkKey:
    """What linking compares of a report, or of an event (its first report's place and the
    actors of all its reports)."""

    subtype: str
    date: date | None
    precision: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    actors: frozenset[str]
    feature: str | None = None  # GeoNames feature class and code of the place

    @property
    def linkable(self) -> bool:
        return (
            self.date is not None
            and self.precision == DAY
            and self.country is not None
            and (self.admin1 is not None or (self.feature or "").startswith("P."))
        )


def actor_keys(actors: Iterable[tuple[str, str | None]]) -> frozenset[str]:
    """Keys of ``(name, entity_id)`` pairs: the entity id where known, else the name."""
    return frozenset(
        f"id:{entity_id}" if entity_id else f"name:{name.casefold().strip()}"
        for name, entity_id in actors
    )


def _distance(report: LinkKey, event: LinkKey) -> float | None:
    if None in (report.lat, report.lon, event.lat, event.lon):
        return None
    return distance_km(report.lat or 0.0, report.lon or 0.0, event.lat or 0.0, event.lon or 0.0)


def same_event(report: LinkKey, event: LinkKey) -> bool:
    if not (report.linkable and event.linkable) or report.subtype != event.subtype:
        return False
    if report.country != event.country:
        return False
    assert report.date is not None and event.date is not None  # linkable
    if abs((report.date - event.date).days) > MAX_DAYS_APART:
        return False
    same_division = report.admin1 is not None and report.admin1 == event.admin1
    distance = _distance(report, event)
    if not same_division and (distance is None or distance > NEAR_KM):
        return False
    return not (report.actors and event.actors and not report.actors & event.actors)


def best_match(report: LinkKey, candidates: Sequence[tuple[str, LinkKey]]) -> str | None:
    """The id of the candidate event ``report`` is a report of: among those that are the same
    event, the nearest in days, then in kilometres, then the smallest id (so it is stable)."""
    matching = [(event_id, key) for event_id, key in candidates if same_event(report, key)]
    if not matching:
        return None

    def order(item: tuple[str, LinkKey]) -> tuple[int, float, str]:
        event_id, key = item
        assert report.date is not None and key.date is not None
        distance = _distance(report, key)
        return (abs((report.date - key.date).days), distance or 0.0, event_id)

    return min(matching, key=order)[0]
