"""Distinct events per first-level division and week of one country: one range of
``(place_country, week, type)``, for the surge rule of each division."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.store.schema import events


def division_weekly_counts(
    conn: Connection, country: str, first_week: date, last_week: date
) -> dict[str, dict[date, int]]:
    """``{division: {Monday: events}}`` of ``country`` from ``first_week`` to ``last_week``;
    events placed in no division are left out."""
    e = events.c
    stmt = (
        sa.select(e.place_admin1, e.week, sa.func.count().label("n"))
        .where(
            e.place_country == country,
            e.week.between(first_week.isoformat(), last_week.isoformat()),
            e.place_admin1.is_not(None),
        )
        .group_by(e.place_admin1, e.week)
    )
    found: dict[str, dict[date, int]] = {}
    for row in conn.execute(stmt):
        found.setdefault(row.place_admin1, {})[date.fromisoformat(row.week)] = row.n
    return found
