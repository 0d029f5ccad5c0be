"""What the trend rules say about a run of weekly event counts (docs/trends.md)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from fractions import Fraction


class ChangeLevel(enum.StrEnum):
    """ACLED Trendfinder's four levels of change against a baseline of past weeks."""

    LARGE_INCREASE = "large_increase"
    MODERATE_INCREASE = "moderate_increase"
    LIMITED_CHANGE = "limited_change"
    LARGE_DECREASE = "large_decrease"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class MonthlyArrow(enum.StrEnum):
    """CrisisWatch-style direction of the last four weeks against the three months before."""

    DETERIORATED = "deteriorated"
    IMPROVED = "improved"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class ChangeReading:
    """One week's count against the average of a baseline of weeks before it.

    ``percent`` is None when the baseline average is zero (no finite change)."""

    level: ChangeLevel
    current: int
    baseline_weeks: int
    baseline_average: Fraction
    percent: Fraction | None
    low_activity: bool  # the level was set by the low-activity floor, not by the percentage


@dataclass(frozen=True, slots=True)
class SurgeReading:
    """Whether the last week is at least double the weekly average of the month before it."""

    surge: bool
    current: int
    month_average: Fraction
    eligible: bool  # the month averaged at least one event a week


@dataclass(frozen=True, slots=True)
class MonthlyReading:
    """The last four weeks' total against the three four-week blocks before them."""

    arrow: MonthlyArrow
    change: ChangeReading


@dataclass(frozen=True, slots=True)
class Trend:
    """Everything the rules say about one country or division, given its weekly counts.

    A reading is None when the counts are too short for it (see ``trends.readings``)."""

    weeks: int
    against_month: ChangeReading | None
    against_year: ChangeReading | None
    surge: SurgeReading | None
    monthly: MonthlyReading | None
