"""The week's reading of each first-level division of a country, as its map shades it: the
Trendfinder change level of the week against the 4 before, and the surge rule (docs/trends.md).
Each division carries its GeoNames admin1 code, the key of its shipped outline
(``geo.division_shapes``). One read of the kept ``event_division_weeks`` over 5 weeks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from worldbrief.domain.trends import ChangeLevel, ChangeReading, SurgeReading
from worldbrief.geo.division_shapes import division_code
from worldbrief.services.platform import Platform
from worldbrief.trends import MONTH_WEEKS, change_level, surge, week_of, weekly_series


@dataclass(frozen=True, slots=True)
class DivisionReading:
    admin1: str  # the GeoNames name events carry: "Mangghystaū"
    code: str | None  # its GeoNames admin1 code ("KZ.09"); None for a name GeoNames lacks
    change: ChangeReading  # the week against the 4 weeks before
    surge: SurgeReading

    @property
    def shade(self) -> str:
        """ "surge" over the change level: a surge is the rarer and stronger signal."""
        return "surge" if self.surge.surge else self.change.level.value


def division_readings(
    country: str, counts: Mapping[tuple[str, date], int], week: date
) -> tuple[DivisionReading, ...]:
    """The readings for the week of ``week`` of every division of ``country`` with an event
    in it or the 4 weeks before (``counts``: events per division and Monday); surging first,
    then by level, then the busiest."""
    end = week_of(week)
    per_division: dict[str, dict[date, int]] = {}
    for (admin1, monday), n in counts.items():
        per_division.setdefault(admin1, {})[monday] = n
    readings = []
    for admin1, weeks in per_division.items():
        *month, current = weekly_series(weeks, end, MONTH_WEEKS + 1)
        if not current and not any(month):
            continue
        readings.append(
            DivisionReading(
                admin1, division_code(country, admin1), change_level(current, month),
                surge(current, month),
            )
        )  # fmt: skip
    order = list(ChangeLevel)
    readings.sort(
        key=lambda r: (
            not r.surge.surge, order.index(r.change.level), -r.change.current, r.admin1,
        )
    )  # fmt: skip
    return tuple(readings)


def country_division_readings(
    platform: Platform, country: str, week: date
) -> tuple[DivisionReading, ...]:
    end = week_of(week)
    counts = platform.site_reads.events.tallies.division_weeks(
        country, end - timedelta(weeks=MONTH_WEEKS), end
    )
    return division_readings(country, counts, end)
