"""Reading the country-page tables that ``country_index`` keeps; each read is one index range
with a bound, so it costs the same at any store size."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.domain.coverage import PlaceCoverage, WeekCount
from worldbrief.store.schema import country_places, country_weeks, place_listings


def weeks(conn: Connection, code: str, first: date, last: date) -> list[WeekCount]:
    """Weeks with articles about ``code`` from the week starting ``first`` to the one
    starting ``last`` (both Mondays), oldest first."""
    t = country_weeks
    stmt = (
        sa.select(t.c.week, t.c.articles)
        .where(
            t.c.code == code,
            t.c.week >= first.isoformat(),
            t.c.week <= last.isoformat(),
            t.c.articles > 0,
        )
        .order_by(t.c.week)
    )
    # Fetched at once (a few hundred rows at most): iterating the result fetches row by row.
    return [WeekCount(date.fromisoformat(w), int(n)) for w, n in conn.execute(stmt).all()]


def week_range(conn: Connection, code: str) -> tuple[date, date] | None:
    """The first and last week with articles about ``code`` (two ends of the key range)."""
    t = country_weeks
    base = sa.select(t.c.week).where(t.c.code == code, t.c.articles > 0).limit(1)
    first = conn.execute(base.order_by(t.c.week)).scalar()
    last = conn.execute(base.order_by(t.c.week.desc())).scalar()
    if first is None or last is None:
        return None
    return date.fromisoformat(first), date.fromisoformat(last)


def places(conn: Connection, code: str, limit: int) -> list[PlaceCoverage]:
    """The ``limit`` places of ``code`` named by the most articles, most named first."""
    t = country_places
    stmt = (
        sa.select(t)
        .where(t.c.code == code, t.c.articles > 0)
        .order_by(t.c.articles.desc(), t.c.place_key)
        .limit(limit)
    )
    return [
        PlaceCoverage(
            r.code, r.place_key, r.name, r.admin1, r.feature, r.lat, r.lon, int(r.articles)
        )
        for r in conn.execute(stmt).all()
    ]


def place_article_ids(conn: Connection, code: str, place_key: str, limit: int) -> list[str]:
    """The newest ``limit`` articles naming the place, newest first."""
    t = place_listings
    stmt = (
        sa.select(t.c.article_id)
        .where(t.c.code == code, t.c.place_key == place_key)
        .order_by(t.c.published_at.desc(), t.c.article_id.desc())
        .limit(limit)
    )
    return list(conn.execute(stmt).scalars())
