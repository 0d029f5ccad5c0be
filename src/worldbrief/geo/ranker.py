"""The weights that rank the readings of a place name: a linear score over features of each
reading in its text (``docs/geotagging.md`` lists them and how the weights were fitted).

The weights ship as ``geo/data/reading_ranker.json``: a feature's name and its weight, plus
where they came from. ``bench/geo_train_ranker.py`` writes that file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from worldbrief.geo.yaml_data import GeoDataError

# Every feature of a reading, in the order the resolver computes them; see ``Reading``.
FEATURES: tuple[str, ...] = (
    "importance",  # log10 of the population plus a bonus by feature (gazetteer.importance)
    "alternate",  # 1 when the text used one of the place's other names
    "division_of_its_city",  # a division sharing its name with a big city inside it
    "country",  # how much the text speaks for the reading's country, relative to the most
    "division_named",  # the text names the reading's first-level division
    "nearness",  # 1 at the closest settled place of the text, 0 at 1,000 km
    "mutual",  # how well the text's other names can be read near it
    "local",  # how many other names can be read in its first-level division (0..1, 3 or more)
    "listed",  # the reading the country table means by this town's name ("Philadelphia")
    "dateline",  # the best-known reading of the town a dateline names ("GENEVA")
    "division_word",  # a division followed by "region", "province"... ("the Osh region")
    "country_name_elsewhere",  # a country's name read as a town or division at home
    "list_mates",  # how surely the names listed next to it lie in the same country
)


@dataclass(frozen=True, slots=True)
class RankerWeights:
    """One weight per feature, in ``FEATURES`` order."""

    weights: tuple[float, ...]
    source: str = ""

    def __post_init__(self) -> None:
        if len(self.weights) != len(FEATURES):
            raise GeoDataError(
                f"reading ranker: {len(self.weights)} weights for {len(FEATURES)} features"
            )

    def __getitem__(self, feature: str) -> float:
        return self.weights[FEATURES.index(feature)]

    def score(self, values: Sequence[float]) -> float:
        return sum(w * v for w, v in zip(self.weights, values, strict=True))

    @classmethod
    def from_mapping(cls, weights: Mapping[str, float], source: str = "") -> RankerWeights:
        missing = [name for name in FEATURES if name not in weights]
        unknown = sorted(set(weights) - set(FEATURES))
        if missing or unknown:
            raise GeoDataError(
                f"reading ranker: missing features {missing or 'none'}, unknown {unknown or 'none'}"
            )
        return cls(tuple(float(weights[name]) for name in FEATURES), source)

    @classmethod
    def load_default(cls) -> RankerWeights:
        return _default_weights()

    def as_json(self, about: Mapping[str, Any]) -> str:
        document = {**about, "weights": dict(zip(FEATURES, self.weights, strict=True))}
        return json.dumps(document, indent=2) + "\n"


@cache
def _default_weights() -> RankerWeights:
    source = resources.files("worldbrief.geo").joinpath("data", "reading_ranker.json")
    try:
        document = json.loads(source.read_text(encoding="utf-8"))
        weights = document["weights"]
        if not isinstance(weights, dict):
            raise TypeError("'weights' is not a mapping")
        return RankerWeights.from_mapping(weights, str(document.get("trained_on", "")))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise GeoDataError(f"bundled reading_ranker.json: {error}") from None
