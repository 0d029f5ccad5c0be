"""All readings of one country or division from its weekly counts, oldest first, the week being
judged last. Weeks without events must be there as zeros (``weekly_series`` fills them)."""

from __future__ import annotations

from collections.abc import Sequence

from worldbrief.domain.trends import Trend
from worldbrief.trends.rules import change_level, monthly_arrow, surge

MONTH_WEEKS = 4
YEAR_WEEKS = 52
EARLIER_MONTHS = 3  # the monthly arrow's baseline: the three four-week blocks before


def trend_of(weekly: Sequence[int]) -> Trend:
    """A reading needs its whole baseline: 5 weeks for the month and the surge, 53 for the
    year, 16 for the monthly arrow; a shorter run leaves that reading None."""
    if not weekly:
        raise ValueError("weekly must hold at least the week being judged, got none")
    *before, current = weekly
    month = before[-MONTH_WEEKS:]
    year = before[-YEAR_WEEKS:]
    full_month = len(month) == MONTH_WEEKS
    blocks_needed = MONTH_WEEKS * (EARLIER_MONTHS + 1)
    monthly = None
    if len(weekly) >= blocks_needed:
        recent = weekly[-blocks_needed:]
        totals = [sum(recent[i : i + MONTH_WEEKS]) for i in range(0, blocks_needed, MONTH_WEEKS)]
        monthly = monthly_arrow(totals[-1], totals[:-1])
    return Trend(
        weeks=len(weekly),
        against_month=change_level(current, month) if full_month else None,
        against_year=change_level(current, year) if len(year) == YEAR_WEEKS else None,
        surge=surge(current, month) if full_month else None,
        monthly=monthly,
    )
