"""A linear classifier of sentences into event kinds, trained when first used on the example
sentences we wrote (``data/examples.tsv``), over the features of ``features.py``.

Multinomial logistic regression with an L2 penalty, fitted by full-batch Adam in numpy: about
800 sentences and five thousand features fit in about half a second, so the weights are not
shipped but rebuilt from the examples, which stay the one source, and kept in the cache folder
for the next process. The cue lexicon also acts as a prior at prediction time, so a kind the
examples cover thinly still wins on its own words.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import numpy as np
import numpy.typing as npt

from worldbrief.cache_folder import cache_folder
from worldbrief.events import features as features_module
from worldbrief.events.cues import cue_lexicon
from worldbrief.events.features import sentence_features
from worldbrief.events.typology import NO_EVENT

FloatArray = npt.NDArray[np.float64]
logger = logging.getLogger(__name__)
CUE_PRIOR = 0.8  # added to the logit of every kind a sentence's cues point to
_EPOCHS = 80
_L2 = 1e-3
_RATE = 0.15


@dataclass(frozen=True, slots=True)
class KindScores:
    """Probabilities of each label (the kinds and ``NO_EVENT``) for one sentence."""

    labels: tuple[str, ...]
    probabilities: tuple[float, ...]

    def best(self, *, exclude: str | None = None) -> tuple[str, float]:
        ranked = sorted(zip(self.probabilities, self.labels, strict=True), reverse=True)
        for probability, label in ranked:
            if label != exclude:
                return label, probability
        raise ValueError("no label")  # pragma: no cover - there are always two labels

    def of(self, label: str) -> float:
        return self.probabilities[self.labels.index(label)]


class SentenceClassifier:
    def __init__(self, labels: tuple[str, ...], vocabulary: dict[str, int], weights: FloatArray):
        self.labels = labels
        self._vocabulary = vocabulary
        self._weights = weights  # (features + 1 bias row) x labels
        self._label_index = {label: i for i, label in enumerate(labels)}

    def scores(self, sentence: str, cue_kinds: list[str]) -> KindScores:
        features = sentence_features(sentence, cue_kinds)
        columns = [self._vocabulary[f] for f in features if f in self._vocabulary]
        logits = self._weights[[*columns, len(self._vocabulary)]].sum(axis=0)
        for kind in cue_kinds:
            logits[self._label_index[kind]] += CUE_PRIOR
        probabilities = _softmax(logits[None, :])[0]
        return KindScores(self.labels, tuple(float(p) for p in probabilities))


def read_examples() -> list[tuple[str, str]]:
    """(label, sentence) pairs of ``data/examples.tsv``."""
    text = files("worldbrief.events").joinpath("data/examples.tsv").read_text("utf-8")
    pairs: list[tuple[str, str]] = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            label, sentence = line.split("\t", 1)
            pairs.append((label, sentence))
    return pairs


def train(examples: list[tuple[str, str]]) -> SentenceClassifier:
    lexicon = cue_lexicon()
    labels = tuple(sorted({label for label, _ in examples}))
    label_index = {label: i for i, label in enumerate(labels)}
    rows = [sentence_features(s, lexicon.kinds_in(s)) for _, s in examples]
    vocabulary: dict[str, int] = {}
    for features in rows:
        for feature in features:
            vocabulary.setdefault(feature, len(vocabulary))
    bias = len(vocabulary)
    indexed = [[vocabulary[f] for f in features] + [bias] for features in rows]
    columns = np.fromiter((c for row in indexed for c in row), dtype=np.int64)
    row_of = np.repeat(np.arange(len(indexed)), [len(row) for row in indexed])
    starts = np.cumsum([0] + [len(row) for row in indexed[:-1]])
    # The gradient sums each feature's rows: sorted by feature, that is one reduceat per step.
    by_feature = np.argsort(columns, kind="stable")
    used, feature_starts = np.unique(columns[by_feature], return_index=True)
    rows_by_feature = row_of[by_feature]
    target = np.zeros((len(examples), len(labels)))
    target[np.arange(len(examples)), [label_index[label] for label, _ in examples]] = 1.0
    weights = np.zeros((bias + 1, len(labels)))
    moment, second = np.zeros_like(weights), np.zeros_like(weights)
    for step in range(1, _EPOCHS + 1):
        logits = np.add.reduceat(weights[columns], starts, axis=0)
        error = (_softmax(logits) - target) / len(examples)
        gradient = _L2 * weights
        gradient[used] += np.add.reduceat(error[rows_by_feature], feature_starts, axis=0)
        moment = 0.9 * moment + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient**2
        corrected = moment / (1 - 0.9**step)
        weights -= _RATE * corrected / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return SentenceClassifier(labels, vocabulary, weights)


@cache
def default_classifier() -> SentenceClassifier:
    """Trained from the shipped examples once per installation: the weights are kept in the
    cache folder under a digest of everything that shapes them (the examples, the cue lexicon,
    this module and the features), so a process loads them in milliseconds instead of training
    for half a second, and any change to those sources trains anew."""
    path = cache_folder() / f"event-classifier-{_source_digest()}.npz"
    try:
        return _load(path)
    except FileNotFoundError:
        pass
    except Exception as error:  # a damaged file is trained again, never fatal
        logger.warning("event classifier cache %s unreadable (%s); training again", path, error)
    classifier = train(read_examples())
    try:
        _save(classifier, path)
        for stale in path.parent.glob("event-classifier-*.npz"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError as error:  # a read-only home still works, only slower to start
        logger.warning("cannot write event classifier cache %s (%s)", path, error)
    return classifier


def _source_digest() -> str:
    digest = hashlib.sha256()
    package = files("worldbrief.events")
    for name in ("data/examples.tsv", "data/cues.tsv"):
        digest.update(package.joinpath(name).read_bytes())
    for module in (__file__, features_module.__file__):
        digest.update(Path(str(module)).read_bytes())
    return digest.hexdigest()[:16]


def _save(classifier: SentenceClassifier, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    vocabulary = sorted(classifier._vocabulary, key=classifier._vocabulary.__getitem__)
    partial = path.with_suffix(f".{os.getpid()}.tmp.npz")
    np.savez(
        partial,
        labels=np.array(classifier.labels),
        vocabulary=np.array(vocabulary),
        weights=classifier._weights,
    )
    partial.replace(path)  # whole or not at all, whichever process writes it


def _load(path: Path) -> SentenceClassifier:
    with np.load(path, allow_pickle=False) as stored:
        labels = tuple(str(label) for label in stored["labels"])
        vocabulary = {str(feature): i for i, feature in enumerate(stored["vocabulary"])}
        weights: FloatArray = stored["weights"].astype(np.float64)
    if weights.shape != (len(vocabulary) + 1, len(labels)):
        raise ValueError(f"weights of shape {weights.shape} do not fit their labels")
    return SentenceClassifier(labels, vocabulary, weights)


def _softmax(logits: FloatArray) -> FloatArray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    result: FloatArray = shifted / shifted.sum(axis=1, keepdims=True)
    return result


__all__ = ["NO_EVENT", "KindScores", "SentenceClassifier", "default_classifier", "train"]
