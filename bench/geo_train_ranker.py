"""Fit the weights of the reading ranker (``geo/data/reading_ranker.json``) on the shared corpora.

Each gold toponym of GeoWebNews and TR-News (GPL-3.0; see ../shared/data/README.md) is read
in gold-span mode; the readings the resolver weighs for it, with their feature values, form
one choice, and the reading nearest the gold point (if within 161 km) is the right one. The
weights are those of a conditional logit model (a softmax over each toponym's readings), fitted
by Newton's method with an L2 pull towards the hand-set weights, so a feature the corpora
rarely exercise keeps about its hand-set weight. Features depend on the first pass, which
uses the weights themselves, so fitting runs in rounds: read, fit, read again with the new
weights, fit again.

    .venv/bin/python bench/geo_train_ranker.py --cross       # both cross-corpus directions
    .venv/bin/python bench/geo_train_ranker.py --write       # fit on both, write the JSON

``--cross`` prints, for each direction, acc@161 and the right-country share on the held-out
corpus with the hand-set weights and with the weights fitted on the other corpus.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from geo_datasets import GoldCorpus, GoldDocument, read_gwn, read_trnews
from geo_gold_countries import country_share
from geo_metrics import ACCURACY_RADIUS_KM, UNRESOLVED_KM, haversine_km
from worldbrief.domain import Span
from worldbrief.geo.gazetteer_build import default_gazetteer
from worldbrief.geo.geoparse import StandardGeoparser
from worldbrief.geo.geoparser import GeoparseRequest
from worldbrief.geo.ranker import FEATURES, RankerWeights
from worldbrief.geo.resolver import ReadingTrace

# The prior is the hand-set weights the package ships (as long as they are hand-set: a fitted
# file says what it was trained on, and --write starts again from its own prior).
HAND_SET = RankerWeights.load_default()
TARGET = Path(__file__).resolve().parents[1] / "src" / "worldbrief" / "geo" / "data"
ROUNDS = 3
PRIOR_STRENGTH = 10.0  # L2 pull towards the hand-set weights, per feature
NEWTON_STEPS = 50


@dataclass(frozen=True, slots=True)
class Choice:
    """One toponym's readings: their feature values and which one is right."""

    values: np.ndarray  # readings x features
    right: int


@dataclass(frozen=True, slots=True)
class Score:
    acc161: float
    right_country: float
    toponyms: int


def parser_with(weights: RankerWeights) -> StandardGeoparser:
    return StandardGeoparser(default_gazetteer(), weights=weights)


def spans(doc: GoldDocument) -> tuple[Span, ...]:
    return tuple(Span(t.start, t.end) for t in doc.toponyms)


def choices(corpora: Sequence[GoldCorpus], weights: RankerWeights) -> list[Choice]:
    parser = parser_with(weights)
    found: list[Choice] = []
    for corpus in corpora:
        for doc in corpus.documents:
            if not doc.toponyms:
                continue
            trace = ReadingTrace()
            parser.geoparse(GeoparseRequest(doc.text, title=doc.title, spans=spans(doc)), trace)
            for index, gold in enumerate(doc.toponyms):
                readings = trace.readings.get(index) or []
                if len(readings) < 2:
                    continue  # nothing to choose
                distances = [haversine_km(gold.lat, gold.lon, p.lat, p.lon) for p, _ in readings]
                nearest = min(range(len(readings)), key=distances.__getitem__)
                if distances[nearest] > ACCURACY_RADIUS_KM:
                    continue  # no reading is right: nothing to learn
                found.append(Choice(np.array([v for _, v in readings], dtype=float), nearest))
    return found


def fit(found: Sequence[Choice], prior: RankerWeights) -> RankerWeights:
    """Maximise the log-likelihood of the right readings, less PRIOR_STRENGTH/2 * |w - prior|²."""
    w0 = np.array(prior.weights, dtype=float)
    w = w0.copy()
    for _ in range(NEWTON_STEPS):
        gradient = -PRIOR_STRENGTH * (w - w0)
        hessian = -PRIOR_STRENGTH * np.eye(len(w))
        for choice in found:
            x = choice.values
            scores = x @ w
            p = np.exp(scores - scores.max())
            p /= p.sum()
            mean = p @ x
            gradient += x[choice.right] - mean
            hessian -= (x * p[:, None]).T @ x - np.outer(mean, mean)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.abs(step).max()) < 1e-6:
            break
    return RankerWeights(tuple(round(float(v), 3) for v in w))


def train(corpora: Sequence[GoldCorpus]) -> tuple[RankerWeights, int]:
    weights = HAND_SET
    count = 0
    for _ in range(ROUNDS):
        found = choices(corpora, weights)
        count = len(found)
        weights = fit(found, HAND_SET)
    return weights, count


def evaluate(corpus: GoldCorpus, weights: RankerWeights) -> Score:
    parser = parser_with(weights)
    errors: list[float] = []
    answered = []
    for doc in corpus.documents:
        if not doc.toponyms:
            continue
        result = parser.geoparse(GeoparseRequest(doc.text, title=doc.title, spans=spans(doc)))
        for gold, place in zip(doc.toponyms, result.places, strict=True):
            if place is None:
                errors.append(UNRESOLVED_KM)
                answered.append((gold, None))
            else:
                errors.append(haversine_km(gold.lat, gold.lon, place.lat, place.lon))
                answered.append((gold, place.country))
    accuracy = sum(e <= ACCURACY_RADIUS_KM for e in errors) / len(errors)
    return Score(accuracy, country_share(answered).share, len(errors))


def show(weights: RankerWeights) -> str:
    return ", ".join(f"{name} {w:+.2f}" for name, w in zip(FEATURES, weights.weights, strict=True))


def cross(gwn: GoldCorpus, trnews: GoldCorpus) -> list[str]:
    lines = []
    for train_on, test_on in ((gwn, trnews), (trnews, gwn)):
        weights, count = train([train_on])
        before, after = evaluate(test_on, HAND_SET), evaluate(test_on, weights)
        lines.append(
            f"train {train_on.name} ({count} choices) -> test {test_on.name} "
            f"({after.toponyms} toponyms): acc@161 {100 * before.acc161:.1f} -> "
            f"{100 * after.acc161:.1f}, right country {100 * before.right_country:.1f} -> "
            f"{100 * after.right_country:.1f}"
        )
        lines.append(f"    weights: {show(weights)}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cross", action="store_true", help="both cross-corpus directions")
    parser.add_argument("--write", action="store_true", help="fit on both and write the JSON")
    args = parser.parse_args()
    gwn, trnews = read_gwn(), read_trnews()
    if args.cross or not args.write:
        for line in cross(gwn, trnews):
            print(line)
    if args.write:
        weights, count = train([gwn, trnews])
        about = {
            "trained_on": "GeoWebNews and TR-News gold toponyms (GPL-3.0), "
            f"{count} choices; bench/geo_train_ranker.py, {date.today().isoformat()}",
            "model": "conditional logit over each toponym's readings, L2 towards hand-set "
            f"weights (strength {PRIOR_STRENGTH})",
        }
        path = TARGET / "reading_ranker.json"
        path.write_text(weights.as_json(about), encoding="utf-8")
        print(f"wrote {path}: {show(weights)}")
        for corpus in (gwn, trnews):
            score = evaluate(corpus, weights)
            print(f"{corpus.name}: acc@161 {100 * score.acc161:.1f} (trained on it)")
    if not math.isfinite(sum(HAND_SET.weights)):
        raise SystemExit("hand-set weights are not finite")


if __name__ == "__main__":
    main()
