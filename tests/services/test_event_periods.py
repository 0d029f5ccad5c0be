"""The table of a country's or region's events without JavaScript: week by week while few
weeks are busy; for a long busy record, the last year's weeks, then months, then years, each
row the sum of the weeks it holds. Counted from the kept tallies, on each store."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from worldbrief.services.country_events import (
    WEEKLY_ROWS,
    EventPeriods,
    event_periods,
    event_timeline,
)
from worldbrief.services.platform import Platform
from worldbrief.store.event_week_tallies import mark_of, record_event_changes
from worldbrief.store.schema import events
from worldbrief.web.country_event_views import event_week_rows, legend

LAST = date(2026, 11, 23)  # a Monday
TYPES = ("Protests", "Battles", "Riots")


def _store_events(platform: Platform, weeks: list[date]) -> None:
    """One event a week, and one more of another type every third week (as the events
    benchmark stores them: rows of ``events`` with their tallies)."""
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    rows = []
    for n, week in enumerate(weeks):
        for k in range(1 + (n % 3 == 0)):
            rows.append(
                {
                    "id": f"ev-{n}-{k}", "type": TYPES[(n + k) % 3], "subtype": "s",
                    "event_date": (week + timedelta(days=2)).isoformat(), "week": week.isoformat(),
                    "place_country": "KZ", "place_admin1": "Almaty", "actors": [],
                    "fatalities_approximate": False, "first_reported": moment,
                    "last_reported": moment, "sources": 1,
                }
            )  # fmt: skip
    with platform.store.engine.begin() as conn:
        conn.execute(sa.insert(events), rows)
        record_event_changes(conn, (), (mark_of(r) for r in rows))


def test_a_long_busy_record_reads_by_week_then_month_then_year(platform: Platform) -> None:
    busy = [LAST - timedelta(weeks=2 * n) for n in range(300)]  # every other week, 11 years
    _store_events(platform, busy)
    first = LAST - timedelta(weeks=700)
    periods = event_periods(platform, ["KZ"], first, LAST)
    weekly = event_timeline(platform, ["KZ"], first, LAST)
    assert periods.collapsed and periods.total == weekly.total == 400
    assert [(e.type, e.events) for e in legend(periods)] == [
        (s.type, s.total) for s in weekly.series
    ]
    table = event_week_rows(periods, {})
    assert sum(r.events for r in table.rows) == 400
    weeks = [r for r in table.rows if r.weekly]
    assert len(weeks) == 26 and weeks[0].stamp == LAST.isoformat()  # the last year's
    months = [r for r in table.rows if len(r.stamp) == 7]
    years = [r for r in table.rows if len(r.stamp) == 4]
    assert months and years and len(table.rows) <= 53 + 48 + 20
    assert table.rows == weeks + months + years  # newest first
    # Each older row sums the weeks whose Monday falls in its month or year.
    summed: Counter[str] = Counter()
    for i in range(weekly.weeks):
        week = weekly.first + timedelta(weeks=i)
        age = weekly.weeks - 1 - i
        key = week.isoformat() if age < 52 else f"{week:%Y-%m}" if age < 261 else f"{week:%Y}"
        summed[key] += weekly.week_total(i)
    assert {r.stamp: r.events for r in table.rows} == {k: n for k, n in summed.items() if n}
    june = next(r for r in months if r.stamp == "2024-06")
    assert june.label == "Jun 2024" and "Protests" in june.by_type


def test_few_busy_weeks_read_week_by_week_over_any_period(platform: Platform) -> None:
    busy = [LAST - timedelta(weeks=40 * n) for n in range(WEEKLY_ROWS // 4)]
    _store_events(platform, busy)
    first = LAST - timedelta(weeks=1043)
    periods = event_periods(platform, ["KZ"], first, LAST, article_weeks=WEEKLY_ROWS)
    assert not periods.collapsed
    table = event_week_rows(periods, {busy[1] + timedelta(weeks=1): 3})  # a week of articles
    assert all(r.weekly for r in table.rows) and len(table.rows) == len(busy) + 1
    assert table.rows[-1].stamp == busy[-1].isoformat() and table.rows[-1].label
    assert table.rows[1].articles == 3 and table.rows[1].events == 0
    # Articles in more than WEEKLY_ROWS weeks collapse the table all the same.
    assert event_periods(platform, ["KZ"], first, LAST, WEEKLY_ROWS + 1).collapsed
    assert event_periods(platform, ["UZ"], first, LAST).total == 0


def test_periods_group_the_weeks_as_their_stamps_say() -> None:
    """The rows' periods, found with one date step a week, are the runs of equal stamps,
    whatever the length, the end (a week early in a month or a year) and the date range."""
    cases = [
        EventPeriods(last - timedelta(weeks=weeks - 1), weeks, collapsed, {}, ())
        for last in (LAST, date(2027, 1, 4), date(2025, 12, 29))
        for weeks in (1, 51, 52, 53, 260, 261, 262, 600, 1043)
        for collapsed in (False, True)
    ]
    cases.append(EventPeriods(date(1, 1, 1), 300, True, {}, ()))  # no step before the first
    for periods in cases:
        expected: list[tuple[str, int, int]] = []
        for i in reversed(range(periods.weeks)):
            stamp = periods.stamp(i)
            if expected and expected[-1][0] == stamp:
                expected[-1] = (stamp, i, expected[-1][2])
            else:
                expected.append((stamp, i, i + 1))
        assert periods.runs() == expected, periods
