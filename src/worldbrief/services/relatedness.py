"""How related two articles are: shared focus countries, shared places, shared actors and
alike text, each from 0 to 1, blended into one score that a threshold can judge.

Pure functions over articles' topic profiles; ``services.connected`` finds the candidates. The
weights and the threshold were set on a hand-judged set over the demo corpus (docs/search.md).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from worldbrief.domain.topic_profile import TopicProfile

PRIMARY_WEIGHT = 1.0  # the focus country an article is most about
FOCUS_WEIGHT = 0.5  # its other focus countries (countries named in passing do not count)
# Places too broad to say two articles meet: continents, world regions, seas as wide as oceans.
_BROAD_FEATURES = frozenset({"L.CONT", "L.RGN", "L.RGNE", "H.OCN"})
_COUNTRY_FEATURES = "A.PCL"  # countries themselves: the country signal covers them
# Saturation: this many shared places (or actors) already say "same ground".
_PLACES_FOR_HALF = 2.0
_ACTORS_FOR_HALF = 1.0
# Text alike: a more-like-this score this far of the article's own is as alike as texts get here.
_TEXT_FULL = 0.35

COUNTRY_WEIGHT = 0.4
PLACE_WEIGHT = 0.3
TEXT_WEIGHT = 0.3
ACTOR_WEIGHT = 0.2  # only when both articles name actors; the others are scaled to make room
THRESHOLD = 0.25


@dataclass(frozen=True, slots=True)
class Relatedness:
    countries: float
    places: float
    actors: float | None  # None when either article names no actor
    text: float

    @property
    def score(self) -> float:
        blended = (
            COUNTRY_WEIGHT * self.countries + PLACE_WEIGHT * self.places + TEXT_WEIGHT * self.text
        )
        if self.actors is None:
            return blended
        return (1 - ACTOR_WEIGHT) * blended + ACTOR_WEIGHT * self.actors


def relatedness(article: TopicProfile, other: TopicProfile, text_alike: float) -> Relatedness:
    """``text_alike``: the index's more-like-this score of ``other`` for ``article`` (0 to 1)."""
    actors_a, actors_b = _actors(article), _actors(other)
    return Relatedness(
        countries=_country_overlap(_country_weights(article), _country_weights(other)),
        places=_saturating(len(_places(article) & _places(other)), _PLACES_FOR_HALF),
        actors=_saturating(len(actors_a & actors_b), _ACTORS_FOR_HALF)
        if actors_a and actors_b
        else None,
        text=min(1.0, max(0.0, text_alike) / _TEXT_FULL),
    )


def _country_weights(article: TopicProfile) -> dict[str, float]:
    has_primary = any(primary for _, primary in article.focus)
    return {
        code: PRIMARY_WEIGHT if primary or (not has_primary and i == 0) else FOCUS_WEIGHT
        for i, (code, primary) in enumerate(article.focus)
    }


def _country_overlap(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine-like: what the two share, against the geometric mean of what each is about, so
    an article about many countries is not related to everything by sharing one of them."""
    shared = sum(min(weight, b[code]) for code, weight in a.items() if code in b)
    if not shared:
        return 0.0
    return shared / math.sqrt(sum(a.values()) * sum(b.values()))


def _places(article: TopicProfile) -> set[int]:
    return {
        geonameid
        for geonameid, feature in article.places
        if feature not in _BROAD_FEATURES and not feature.startswith(_COUNTRY_FEATURES)
    }


def _actors(article: TopicProfile) -> set[str]:
    return {name.casefold() for name in article.actors if name.strip()}


def _saturating(count: int, half: float) -> float:
    return count / (count + half) if count else 0.0


def best_related(scored: Iterable[tuple[str, Relatedness]], limit: int) -> list[str]:
    """Ids of the candidates at or over the threshold, best first (ties by id, stable)."""
    kept = [(r.score, other) for other, r in scored if r.score >= THRESHOLD]
    kept.sort(key=lambda pair: (-pair[0], pair[1]))
    return [other for _, other in kept[:limit]]
