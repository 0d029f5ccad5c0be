import pytest

from worldbrief.geo import NameMatcher, find_dateline


@pytest.mark.parametrize(
    ("text", "place", "qualifier"),
    [
        ("LONDON, March 3 - Shares rose.", "LONDON", None),
        ("NEW YORK, April 7 - Stocks fell.", "NEW YORK", None),
        ("PORTLAND, Ore., Jan 5 - A mill closed.", "PORTLAND", "Ore."),
        ("SAN DIEGO, Calif.,March 17 - Loss.", "SAN DIEGO", "Calif."),
        ("KYIV (Reuters) - Air raid sirens sounded.", "KYIV", None),
        ("  RIO DE JANEIRO, Feb 26 - Coffee.", "RIO DE JANEIRO", None),
    ],
)
def test_datelines(text: str, place: str, qualifier: str | None) -> None:
    found = find_dateline(text)
    assert found is not None
    assert (found.place, found.qualifier) == (place, qualifier)
    assert text[found.place_span.start : found.place_span.end] == place


def test_ordinary_openings_are_not_datelines() -> None:
    assert find_dateline("Showers continued throughout the week in the Bahia cocoa zone.") is None
    assert find_dateline("Kazakhstan, the largest economy in Central Asia, grew.") is None


def test_matcher_takes_whole_words_longest_first() -> None:
    matcher = NameMatcher(
        [
            ("Niger", "NE"),
            ("Nigeria", "NG"),
            ("Guinea", "GN"),
            ("Papua New Guinea", "PG"),
            ("U.S.", "US"),
        ]
    )
    text = "Nigeria, Niger, Nigerians, Papua New Guinea and the U.S.-led talks"
    found = [(m.text, m.value, text[m.start : m.end]) for m in matcher.find(text)]
    assert [f[:2] for f in found] == [
        ("Nigeria", "NG"),
        ("Niger", "NE"),
        ("Papua New Guinea", "PG"),
        ("U.S.", "US"),
    ]
    assert all(f[0] == f[2] for f in found)
    assert NameMatcher([]).find("anything") == []
