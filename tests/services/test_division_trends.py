"""The week's reading of each division, as the country map shades it, on literal counts."""

from __future__ import annotations

from datetime import date, timedelta

from worldbrief.domain.trends import ChangeLevel
from worldbrief.services.division_trends import division_readings

WEEK = date(2026, 11, 23)  # a Monday


def weeks_before(n: int) -> date:
    return WEEK - timedelta(weeks=n)


def test_each_division_reads_its_week_against_the_four_before() -> None:
    counts = {
        # 2 a week, then 6: a surge (at least double, average at least 1)
        **{("Mangghystaū", weeks_before(k)): 2 for k in (1, 2, 3, 4)},
        ("Mangghystaū", WEEK): 6,
        # 1 a week, then 1: limited change
        **{("Almaty", weeks_before(k)): 1 for k in (1, 2, 3, 4)},
        ("Almaty", WEEK): 1,
        # 10 a week, then 2: a large decrease
        **{("Karaganda", weeks_before(k)): 10 for k in (1, 2, 3, 4)},
        ("Karaganda", WEEK): 2,
        # 4 a week, then 7 (+75%) but under double: a large increase, no surge
        **{("Astana", weeks_before(k)): 4 for k in (1, 2, 3, 4)},
        ("Astana", WEEK): 7,
        # a division GeoNames does not name: read, with no outline to shade
        ("Nowhere Oblast", WEEK): 1,
    }
    found = {r.admin1: r for r in division_readings("KZ", counts, WEEK + timedelta(days=3))}
    assert [r.admin1 for r in division_readings("KZ", counts, WEEK)] == [
        "Mangghystaū", "Astana", "Almaty", "Nowhere Oblast", "Karaganda",
    ]  # fmt: skip
    assert found["Mangghystaū"].code == "KZ.09" and found["Mangghystaū"].shade == "surge"
    assert found["Astana"].shade == "large_increase" and not found["Astana"].surge.surge
    assert found["Almaty"].shade == "limited_change" and found["Almaty"].code == "KZ.02"
    assert found["Karaganda"].change.level is ChangeLevel.LARGE_DECREASE
    assert found["Nowhere Oblast"].code is None


def test_a_division_quiet_for_five_weeks_is_left_out() -> None:
    counts = {("Mangghystaū", weeks_before(5)): 9, ("Almaty", weeks_before(4)): 1}
    assert [r.admin1 for r in division_readings("KZ", counts, WEEK)] == ["Almaty"]
