"""Scoring metrics of geoparsing: distances, acc@161, AUC of log error, span matching."""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0
UNRESOLVED_KM = 20039.0  # the literature's cost of a missing answer: half the equator, rounded up
ACCURACY_RADIUS_KM = 161.0  # 100 miles

# ---------------------------------------------------------------------------------------- metrics


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of the mean Earth radius."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi, half_dlambda = math.radians(lat2 - lat1) / 2, math.radians(lon2 - lon1) / 2
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def accuracy_within(errors_km: Sequence[float], radius_km: float = ACCURACY_RADIUS_KM) -> float:
    return sum(error <= radius_km for error in errors_km) / len(errors_km) if errors_km else 0.0


def auc_of_log_error(errors_km: Sequence[float]) -> float:
    """Area under log(1 + error) / log(20039) over the sorted errors, x scaled to [0, 1].

    Trapezoid rule, as Gritta et al. (2018) define it: 0 when every answer is exact, about 1
    when every answer is missing; lower is better. One error gives its own height.
    """
    if not errors_km:
        return 0.0
    heights = [math.log1p(error) / math.log(UNRESOLVED_KM) for error in sorted(errors_km)]
    if len(heights) == 1:
        return heights[0]
    area = sum((left + right) / 2 for left, right in itertools.pairwise(heights))
    return area / (len(heights) - 1)


@dataclass(frozen=True, slots=True)
class ErrorSummary:
    count: int
    acc161: float
    mean_km: float
    median_km: float
    auc: float


def summarise_errors(errors_km: Sequence[float]) -> ErrorSummary:
    if not errors_km:
        return ErrorSummary(0, 0.0, 0.0, 0.0, 0.0)
    return ErrorSummary(
        count=len(errors_km),
        acc161=accuracy_within(errors_km),
        mean_km=statistics.fmean(errors_km),
        median_km=statistics.median(errors_km),
        auc=auc_of_log_error(errors_km),
    )


def match_overlapping(
    gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]]
) -> dict[int, int]:
    """One-to-one matching of gold to predicted spans that share at least one character.

    Gold spans are taken in text order; each takes the unmatched predicted span with the largest
    overlap (ties: the earlier one). Returns gold index -> predicted index.
    """
    matches: dict[int, int] = {}
    taken: set[int] = set()
    for g in sorted(range(len(gold)), key=lambda i: gold[i]):
        g_start, g_end = gold[g]
        best: tuple[int, int, int] | None = None  # (-overlap, start, index)
        for p, (p_start, p_end) in enumerate(predicted):
            overlap = min(g_end, p_end) - max(g_start, p_start)
            if p in taken or overlap <= 0:
                continue
            candidate = (-overlap, p_start, p)
            best = candidate if best is None or candidate < best else best
        if best is not None:
            matches[g] = best[2]
            taken.add(best[2])
    return matches


@dataclass(slots=True)
class PrecisionRecall:
    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0

    @property
    def precision(self) -> float:
        return self.true_pos / max(1, self.true_pos + self.false_pos)

    @property
    def recall(self) -> float:
        return self.true_pos / max(1, self.true_pos + self.false_neg)

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0
