"""``/api/countries/{code}/trend``: the trend rules over a country's distinct events."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response

from worldbrief.domain.trends import ChangeReading, SurgeReading
from worldbrief.services.country_trend import country_trend
from worldbrief.web.api_errors import error_responses
from worldbrief.web.country_path import CountryCodePath
from worldbrief.web.deps import PlatformDep
from worldbrief.web.event_search_models import (
    ChangePublic,
    CountryTrendPublic,
    DivisionSurgePublic,
    MonthlyPublic,
    SurgePublic,
)
from worldbrief.web.json_body import JsonBodyRoute
from worldbrief.web.query_days import Day

router = APIRouter(prefix="/api", tags=["api"], route_class=JsonBodyRoute)


@router.get(
    "/countries/{code}/trend",
    response_model=CountryTrendPublic,
    summary="A country's event trend: change levels, surges, monthly arrow",
    responses=error_responses((404, "No country with that code."), 422),
)
def trend(
    code: CountryCodePath,
    platform: PlatformDep,
    response: Response,
    week: Annotated[
        Day | None,
        Query(description="A day of the week to judge (default: the current week, UTC)."),
    ] = None,
) -> CountryTrendPublic:
    """ACLED Trendfinder's levels for the week against the 4 and the 52 weeks before, the
    surge rule for the country and each first-level division, and the monthly arrow; counts
    are of distinct events (docs/trends.md)."""
    country = platform.taxonomy.find_country(code.upper())
    if country is None:
        raise HTTPException(404, "no country has that ISO 3166-1 alpha-2 code")
    if week is None:
        # "This week" changes with the clock, not only with the store: never kept as shared.
        response.headers["Cache-Control"] = "public, max-age=0, must-revalidate"
    day = week or datetime.now(UTC).date()
    found = country_trend(platform, country.code, day)
    reading = found.trend
    return CountryTrendPublic(
        code=country.code,
        name=country.name,
        week=found.week,
        against_4_weeks=_change(reading.against_month),
        against_52_weeks=_change(reading.against_year),
        surge=_surge(reading.surge) if reading.surge else None,
        monthly=MonthlyPublic(
            arrow=reading.monthly.arrow, change=_change_of(reading.monthly.change)
        )
        if reading.monthly
        else None,
        divisions=[
            DivisionSurgePublic(admin1=d.admin1, **_surge(d.reading).model_dump())
            for d in found.divisions
        ],
    )


def _change(reading: ChangeReading | None) -> ChangePublic | None:
    return _change_of(reading) if reading is not None else None


def _change_of(reading: ChangeReading) -> ChangePublic:
    return ChangePublic(
        level=reading.level,
        current=reading.current,
        baseline_weeks=reading.baseline_weeks,
        baseline_average=round(float(reading.baseline_average), 3),
        percent=round(float(reading.percent), 1) if reading.percent is not None else None,
        low_activity=reading.low_activity,
    )


def _surge(reading: SurgeReading) -> SurgePublic:
    return SurgePublic(
        surge=reading.surge,
        current=reading.current,
        month_average=round(float(reading.month_average), 3),
        eligible=reading.eligible,
    )
