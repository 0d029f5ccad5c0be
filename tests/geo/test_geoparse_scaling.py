"""The geoparser's work grows in step with the text, whatever the text.

Nothing here is timed: the geoparser counts its unit steps (readings scored, distances, span
comparisons, keys computed) and a text twice as long may cost at most about twice as many.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from worldbrief.domain import Span
from worldbrief.geo.gazetteer_build import default_gazetteer
from worldbrief.geo.geoparse import StandardGeoparser, default_geoparser
from worldbrief.geo.geoparser import GeoparseRequest, GeoparseResult
from worldbrief.geo.gold_spans import MAX_GOLD_SPAN_CHARS, gold_key
from worldbrief.geo.place_names import name_key
from worldbrief.geo.toponyms import _capitalised_runs, _RunKeys
from worldbrief.geo.work import WorkTally, tally_work

# Twice the text may cost twice the work, plus what a fixed overhead makes of a small text.
LINEAR = 2.3
SENTENCE = "Protests in Paris and London spread to Berlin, Lyon and Leeds, France and Germany. "


@pytest.fixture(scope="module")
def parser() -> StandardGeoparser:
    return default_geoparser()


def _geoparse(parser: StandardGeoparser, text: str) -> tuple[WorkTally, GeoparseResult]:
    with tally_work() as tally:
        result = parser.geoparse(GeoparseRequest(text))
    return tally, result


def _towns(count: int) -> str:
    """Different towns' names in a list: each may be read near any other."""
    gazetteer = default_gazetteer()
    names: list[str] = []
    index = 0
    while len(names) < count:
        place = gazetteer.place(index)
        index += 1
        if place.feature == "P.PPL" and place.name.isalpha() and place.name not in names:
            names.append(place.name)
    return "Towns: " + ", ".join(names) + "."


GROWING_TEXTS: dict[str, Callable[[int], str]] = {
    "one sentence naming places, repeated": lambda n: SENTENCE * (100 * n),
    "different towns, listed": lambda n: _towns(150 * n),
    "a name, then a run of connecting words": lambda n: "Paris" + " of" * (3000 * n),
    "a county after a place, repeated in one run": lambda n: "Paris County " * (500 * n),
    "capitalised words in one run": lambda n: "Paris " + "Xxxx " * (3000 * n),
}


@pytest.mark.parametrize("build", GROWING_TEXTS.values(), ids=list(GROWING_TEXTS))
def test_twice_the_text_costs_at_most_about_twice_the_work(
    parser: StandardGeoparser, build: Callable[[int], str]
) -> None:
    small, _ = _geoparse(parser, build(1))
    large, _ = _geoparse(parser, build(2))
    assert small.total > 0
    assert large.total <= LINEAR * small.total, (small, large)


def test_a_repeated_sentence_reads_the_same_every_time(parser: StandardGeoparser) -> None:
    _, once = _geoparse(parser, SENTENCE)
    _, many = _geoparse(parser, SENTENCE * 400)
    read_once = [(p.text, p.geonameid) for p in once.places if p is not None]
    read_many = [(p.text, p.geonameid) for p in many.places if p is not None]
    assert len(read_once) == 7
    assert read_many == read_once * 400


def test_a_name_before_a_long_run_of_small_words_is_found(parser: StandardGeoparser) -> None:
    _, result = _geoparse(parser, "Paris" + " of" * 50_000 + " the and")
    assert [(p.text, p.country) for p in result.places if p is not None] == [("Paris", "FR")]


def test_counting_is_off_outside_a_tally(parser: StandardGeoparser) -> None:
    with tally_work() as tally:
        pass
    parser.geoparse(GeoparseRequest(SENTENCE))
    assert tally.total == 0


def test_reading_a_long_gold_span_grows_with_its_length() -> None:
    gazetteer = default_gazetteer()
    with tally_work() as short:
        assert gold_key(gazetteer, "Qzx " * 100) == ""
    with tally_work() as long:
        assert gold_key(gazetteer, "Qzx " * 200) == ""
    assert long.total <= LINEAR * short.total, (short, long)


def test_a_gold_span_longer_than_any_name_takes_the_home_place(parser: StandardGeoparser) -> None:
    text = "Protests in Aktau, Kazakhstan. " + "Qzx " * 100
    aktau = Span(text.index("Aktau"), text.index("Aktau") + 5)
    rest = Span(text.index("Qzx"), len(text))
    assert rest.end - rest.start > MAX_GOLD_SPAN_CHARS
    places = parser.geoparse(GeoparseRequest(text, spans=(aktau, rest))).places
    assert places[0] is not None and places[0].name == "Aktau"
    assert places[1] is not None and places[1].name == "Aktau"
    assert (places[1].start, places[1].end) == (rest.start, rest.end)


@pytest.mark.parametrize(
    "text",
    [
        "St. Louis and Ste. Genevieve",
        "the U.S.Army base at Fort Worth",
        "Jean-Luc Côte d’Ivoire Alma-Ata",
        "MT. EVEREST Mt Hood",
        "İzmir Straße São Paulo",
    ],
)
def test_a_run_keys_its_pieces_as_the_gazetteer_does(text: str) -> None:
    for run in _capitalised_runs(text):
        keys = _RunKeys(text, run)
        for first in range(len(run)):
            for last in range(first, len(run)):
                written = text[run[first].start : run[last].end]
                assert keys.of(first, last) == name_key(written), written
