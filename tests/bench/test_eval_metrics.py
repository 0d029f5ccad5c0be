"""Distances, acc@161, AUC, overlap matching and scoring of hand-made `annotate` output lines."""

from __future__ import annotations

import json
import math

import pytest

from eval_geoparsing import (
    Annotation,
    read_annotations,
    score_end_to_end,
    score_focus_countries,
    score_gold_spans,
)
from geo_datasets import GoldDocument, GoldToponym, ReutersStory
from geo_metrics import (
    UNRESOLVED_KM,
    accuracy_within,
    auc_of_log_error,
    haversine_km,
    match_overlapping,
    summarise_errors,
)

TEXT = "Talks in Paris and Lyon, then Berlin; the French delegation left."
PARIS = GoldToponym(9, 14, "Paris", 48.85341, 2.3488, "Paris")
LYON = GoldToponym(19, 23, "Lyon", 45.74846, 4.84671, "Lyon")
BERLIN = GoldToponym(30, 36, "Berlin", 52.52437, 13.41053, "Berlin")
DOC = GoldDocument("d1", TEXT, None, None, (PARIS, LYON, BERLIN), unscored_spans=((42, 48),))


def place(start: int, end: int, lat: float | None, lon: float | None) -> dict[str, object]:
    return {"start": start, "end": end, "text": TEXT[start:end], "name": "", "lat": lat, "lon": lon}


def output_lines(*records: dict[str, object]) -> dict[str, Annotation]:
    problems: list[str] = []
    read = read_annotations([json.dumps(r) for r in records], problems)
    assert problems == []
    return read


def test_haversine_on_known_distances() -> None:
    assert haversine_km(48.85341, 2.3488, 48.85341, 2.3488) == 0.0
    assert haversine_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(343.5, abs=0.5)
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371)  # half the equator
    assert haversine_km(90, 0, -90, 0) == pytest.approx(math.pi * 6371)
    assert haversine_km(0, 179.5, 0, -179.5) == pytest.approx(111.19, abs=0.01)  # across 180°


def test_accuracy_at_161_counts_unresolved_spans_as_misses() -> None:
    lines = output_lines(
        {"id": "d1", "places": [place(9, 14, 48.9, 2.4), place(19, 23, None, None), None]}
    )
    outcomes = score_gold_spans([DOC], lines)
    assert [o.error_km for o in outcomes][1:] == [UNRESOLVED_KM, UNRESOLVED_KM]
    assert outcomes[0].error_km < 10
    summary = summarise_errors([o.error_km for o in outcomes])
    assert summary.acc161 == pytest.approx(1 / 3)
    assert summary.median_km == UNRESOLVED_KM
    assert accuracy_within([0.0, 161.0, 161.5]) == pytest.approx(2 / 3)


def test_gold_spans_pair_by_span_when_positions_differ_and_errors_miss_all() -> None:
    lines = output_lines(
        {"id": "d1", "places": [place(30, 36, 52.5, 13.4), place(9, 14, 48.85, 2.35)]},
        {"id": "d2", "error": "text is empty"},
    )
    other = GoldDocument("d2", "Rome", None, None, (GoldToponym(0, 4, "Rome", 41.9, 12.5),))
    errors = [o.error_km for o in score_gold_spans([DOC, other], lines)]
    assert errors[0] < 5 and errors[2] < 5
    assert errors[1] == UNRESOLVED_KM and errors[3] == UNRESOLVED_KM
    missing = score_gold_spans([other], {})
    assert missing[0].error_km == UNRESOLVED_KM


def test_auc_of_log_error_from_its_definition() -> None:
    assert auc_of_log_error([0.0, 0.0, 0.0]) == 0.0
    assert auc_of_log_error([UNRESOLVED_KM] * 4) == pytest.approx(1.0, abs=1e-4)
    assert auc_of_log_error([0.0, UNRESOLVED_KM]) == pytest.approx(0.5, abs=1e-4)
    # Sorted heights log(1 + e) / log(20039) joined by trapezoids over x in [0, 1].
    heights = [math.log1p(e) / math.log(20039) for e in (0.0, 10.0, 1000.0)]
    expected = ((heights[0] + heights[1]) / 2 + (heights[1] + heights[2]) / 2) / 2
    assert auc_of_log_error([1000.0, 0.0, 10.0]) == pytest.approx(expected)
    assert auc_of_log_error([99.0]) == pytest.approx(math.log(100) / math.log(20039))


def test_overlap_matching_is_one_to_one_and_prefers_the_largest_overlap() -> None:
    gold = [(0, 10), (12, 20), (30, 40)]
    predicted = [(5, 13), (0, 4), (14, 22), (41, 45)]
    # Gold 0 overlaps predictions 0 (5 chars) and 1 (4 chars); gold 1 then takes prediction 2.
    assert match_overlapping(gold, predicted) == {0: 0, 1: 2}
    assert match_overlapping([(0, 5)], [(5, 9)]) == {}  # touching is not overlapping
    assert match_overlapping([(0, 5), (6, 9)], [(0, 9)]) == {0: 0}


def test_end_to_end_precision_recall_and_accuracy_over_all_gold() -> None:
    lines = output_lines(
        {
            "id": "d1",
            "places": [
                place(9, 18, 48.85, 2.35),  # "Paris and": overlaps Paris
                place(30, 36, 40.0, -74.0),  # Berlin, placed in New York
                place(42, 48, 46.0, 2.0),  # "French": annotated without coordinates, neutral
                place(0, 5, 10.0, 10.0),  # "Talks": spurious
            ],
        }
    )
    score = score_end_to_end([DOC], lines)
    counts = score.recognition
    assert (counts.true_pos, counts.false_pos, counts.false_neg) == (2, 1, 1)
    assert counts.precision == pytest.approx(2 / 3) and counts.recall == pytest.approx(2 / 3)
    errors = [o.error_km for o in score.outcomes]
    assert errors[0] < 5 and errors[1] == UNRESOLVED_KM and errors[2] > 6000
    assert summarise_errors(errors).acc161 == pytest.approx(1 / 3)
    assert [p.text for _, p in score.false_positives] == ["Talks"]


def test_focus_countries_micro_scores() -> None:
    stories = [
        ReutersStory("r1", "", "", None, frozenset({"US", "JP"})),
        ReutersStory("r2", "", "", None, frozenset()),
        ReutersStory("r3", "", "", None, frozenset({"GB"})),
    ]
    lines = output_lines(
        {"id": "r1", "countries": [{"code": "us", "focus": True}, {"code": "JP", "focus": False}]},
        {"id": "r2", "countries": [{"code": "FR", "focus": True}]},
    )
    score = score_focus_countries(stories, lines)
    assert (score.counts.true_pos, score.counts.false_pos, score.counts.false_neg) == (1, 1, 2)
    assert score.counts.precision == 0.5 and score.counts.recall == pytest.approx(1 / 3)
    assert score.counts.f1 == pytest.approx(0.4)
    assert score.missed == {"JP": 1, "GB": 1} and score.extra == {"FR": 1}


def test_unreadable_output_lines_are_named_and_skipped() -> None:
    problems: list[str] = []
    lines = ["{not json", json.dumps({"places": []}), json.dumps({"id": "ok", "places": [{}]})]
    read = read_annotations(lines, problems)
    assert list(read) == ["ok"] and read["ok"].places == (None,)
    assert [p.split(":")[0] for p in problems] == ["output line 1", "output line 2"]
