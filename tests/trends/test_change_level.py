"""The Trendfinder change levels on literal weekly counts, boundaries included."""

from fractions import Fraction

import pytest

from worldbrief.domain.trends import ChangeLevel
from worldbrief.trends import change_level


@pytest.mark.parametrize(
    ("current", "baseline", "level"),
    [
        (126, [100, 100, 100, 100], ChangeLevel.LARGE_INCREASE),  # +26%
        (125, [100, 100, 100, 100], ChangeLevel.MODERATE_INCREASE),  # exactly +25%
        (110, [100, 100, 100, 100], ChangeLevel.MODERATE_INCREASE),  # exactly +10%
        (109, [100, 100, 100, 100], ChangeLevel.LIMITED_CHANGE),  # +9%
        (100, [100, 100, 100, 100], ChangeLevel.LIMITED_CHANGE),
        (75, [100, 100, 100, 100], ChangeLevel.LIMITED_CHANGE),  # exactly -25%
        (74, [100, 100, 100, 100], ChangeLevel.LARGE_DECREASE),  # -26%
        (0, [100, 100, 100, 100], ChangeLevel.LARGE_DECREASE),
    ],
)
def test_levels_and_their_boundaries(current: int, baseline: list[int], level: ChangeLevel) -> None:
    assert change_level(current, baseline).level is level


def test_boundaries_hold_with_averages_that_are_not_whole() -> None:
    # 10, 10, 11 average 31/3; +25% of that is 12.92, so 13 is large and 12 moderate.
    assert change_level(13, [10, 10, 11]).level is ChangeLevel.LARGE_INCREASE
    assert change_level(12, [10, 10, 11]).level is ChangeLevel.MODERATE_INCREASE
    # 100, 120, 140 average 120: 150 is exactly +25%, however the average was reached.
    reading = change_level(150, [100, 120, 140])
    assert reading.percent == 25 and reading.level is ChangeLevel.MODERATE_INCREASE


def test_a_quiet_country_is_limited_change_whatever_the_percentage() -> None:
    reading = change_level(5, [2, 2, 2, 2])  # +150%, but 2 a week on average and 5 now
    assert reading.level is ChangeLevel.LIMITED_CHANGE and reading.low_activity
    assert reading.percent == 150
    assert change_level(6, [2, 2, 2, 2]).level is ChangeLevel.LARGE_INCREASE  # 6 is above 5
    assert change_level(5, [3, 2, 2, 2]).level is ChangeLevel.LARGE_INCREASE  # 2.25 is above 2


def test_a_zero_baseline_is_limited_up_to_five_and_a_large_increase_after() -> None:
    quiet = change_level(5, [0, 0, 0, 0])
    assert quiet.level is ChangeLevel.LIMITED_CHANGE and quiet.percent is None
    assert change_level(0, [0, 0, 0, 0]).level is ChangeLevel.LIMITED_CHANGE
    flare = change_level(6, [0, 0, 0, 0])
    assert flare.level is ChangeLevel.LARGE_INCREASE and flare.percent is None
    assert not flare.low_activity


def test_the_reading_says_what_it_compared() -> None:
    reading = change_level(30, [20, 20, 25, 15])
    assert reading.current == 30 and reading.baseline_weeks == 4
    assert reading.baseline_average == 20 and reading.percent == Fraction(50)
    assert reading.level.label == "Large increase"


@pytest.mark.parametrize(
    ("current", "baseline", "named"),
    [(3, [], "baseline"), (-1, [1], "current"), (1, [1, -2], "baseline")],
)
def test_bad_input_is_refused_naming_it(current: int, baseline: list[int], named: str) -> None:
    with pytest.raises(ValueError, match=named):
        change_level(current, baseline)
