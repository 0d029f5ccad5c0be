"""Distinct events per first-level division and week of one country: one range of the kept
``event_division_weeks (country, week, admin1, type)``, for the surge rule of each division."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.store.schema import event_division_weeks


def division_weekly_counts(
    conn: Connection, country: str, first_week: date, last_week: date
) -> dict[str, dict[date, int]]:
    """``{division: {Monday: events}}`` of ``country`` from ``first_week`` to ``last_week``;
    events placed in no division are left out."""
    t = event_division_weeks.c
    stmt = (
        sa.select(t.admin1, t.week, sa.func.sum(t.events).label("n"))
        .where(t.country == country, t.week.between(first_week.isoformat(), last_week.isoformat()))
        .group_by(t.admin1, t.week)
    )
    found: dict[str, dict[date, int]] = {}
    for row in conn.execute(stmt).all():  # bounded by divisions and weeks: fetched at once
        found.setdefault(row.admin1, {})[date.fromisoformat(row.week)] = int(row.n)
    return found
