"""The harness runs the real `worldbrief annotate --jsonl` and reads each line back."""

from __future__ import annotations

import subprocess

import pytest

from eval_geoparsing import ANNOTATE, geoparse_requests, run_annotate, score_gold_spans
from geo_datasets import GoldDocument, GoldToponym


def _annotate_available() -> bool:
    if not ANNOTATE.exists():
        return False
    probe = subprocess.run([str(ANNOTATE), "annotate", "--help"], capture_output=True, check=False)
    return probe.returncode == 0


pytestmark = pytest.mark.skipif(
    not _annotate_available(), reason="`worldbrief annotate` is not available in this venv"
)

DOCUMENTS = [
    GoldDocument(
        "a",
        "Protesters gathered in Dhaka, the capital of Bangladesh, on Monday.",
        "Protests in Dhaka",
        "2024-07-18",
        (
            GoldToponym(23, 28, "Dhaka", 23.7104, 90.40744),
            GoldToponym(45, 55, "Bangladesh", 24.0, 90.0),
        ),
    ),
    GoldDocument("b", "Nothing geographic is said here.", None, None, ()),
]


def test_every_request_gets_a_line_back_with_its_figures() -> None:
    requests = geoparse_requests(DOCUMENTS, gold_spans=False)
    run = run_annotate(requests, workers=2)
    assert run.problems == ()
    assert set(run.annotations) == {"a", "b"}
    assert all(annotation.error is None for annotation in run.annotations.values())
    assert run.words == 10 + 3 + 5
    assert run.peak_rss_mib > 0 and run.words_per_second > 0


def test_gold_spans_come_back_one_place_per_span() -> None:
    requests = geoparse_requests(DOCUMENTS, gold_spans=True)
    assert [r["id"] for r in requests] == ["a"]  # nothing to resolve in "b"
    assert requests[0]["spans"] == [[23, 28], [45, 55]]
    run = run_annotate(requests)
    assert run.problems == ()
    places = run.annotations["a"].places
    assert [(p.start, p.end) for p in places if p is not None] == [(23, 28), (45, 55)]
    assert len(score_gold_spans(DOCUMENTS, run.annotations)) == 2
