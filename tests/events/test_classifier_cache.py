"""The event classifier is trained once per installation and its weights kept in the cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from worldbrief.events import classifier
from worldbrief.events.classifier import default_classifier, read_examples, train

SENTENCE = "Police fired tear gas at protesters in the capital."


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("WORLDBRIEF_CACHE_DIR", str(tmp_path))
    default_classifier.cache_clear()
    yield tmp_path
    default_classifier.cache_clear()


def test_the_kept_weights_are_the_trained_ones(cache: Path) -> None:
    first = default_classifier()
    [kept] = cache.glob("event-classifier-*.npz")
    default_classifier.cache_clear()
    loaded = default_classifier()
    trained = train(read_examples())
    assert loaded is not first
    assert loaded.labels == trained.labels
    assert np.array_equal(loaded._weights, trained._weights)
    assert loaded.scores(SENTENCE, []) == trained.scores(SENTENCE, [])
    assert list(cache.glob("event-classifier-*.npz")) == [kept]


def test_a_damaged_file_is_trained_again_and_replaced(cache: Path) -> None:
    default_classifier()
    [kept] = cache.glob("event-classifier-*.npz")
    kept.write_bytes(b"not an archive")
    default_classifier.cache_clear()
    assert default_classifier().scores(SENTENCE, []) == train(read_examples()).scores(SENTENCE, [])
    assert kept.read_bytes() != b"not an archive"


def test_a_change_to_the_sources_names_a_new_file(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default_classifier()
    monkeypatch.setattr(classifier, "_source_digest", lambda: "0000000000000000")
    default_classifier.cache_clear()
    default_classifier()
    assert [p.name for p in cache.glob("event-classifier-*.npz")] == [
        "event-classifier-0000000000000000.npz"
    ]
