"""Quick in-process scores of the standard geoparser on the evaluation corpora in ../shared/data.

Gold-span resolution (acc@161, mean and median error) and end-to-end recognition on GeoWebNews
and TR-News; focus-country micro-F1 and words/s on Reuters-21578.

    .venv/bin/python bench/geoparse_quick.py [--errors 20] [--corpus gwn|trnews|reuters|all]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from geo_datasets import GoldCorpus, GoldToponym, read_gwn, read_reuters, read_trnews
from geo_gold_countries import country_share
from worldbrief.domain import Span
from worldbrief.geo.distance import distance_km
from worldbrief.geo.geoparse import default_geoparser
from worldbrief.geo.geoparser import GeoparseRequest

UNRESOLVED_KM = 20039.0


def resolution(corpus: GoldCorpus, errors: int) -> None:
    parser = default_geoparser()
    distances: list[float] = []
    answered: list[tuple[GoldToponym, str | None]] = []
    wrong: list[tuple[float, str, str, str]] = []
    for doc in corpus.documents:
        spans = tuple(Span(t.start, t.end) for t in doc.toponyms)
        result = parser.geoparse(GeoparseRequest(doc.text, title=doc.title, spans=spans))
        for gold, place in zip(doc.toponyms, result.places, strict=True):
            answered.append((gold, None if place is None else place.country))
            if place is None:
                km = UNRESOLVED_KM
                guess = "-"
            else:
                km = distance_km(gold.lat, gold.lon, place.lat, place.lon)
                guess = f"{place.name} ({place.country} {place.feature})"
            distances.append(km)
            if km > 161:
                wrong.append((km, doc.id, gold.text, f"{guess} vs {gold.name or '?'} {gold.kind}"))
    accuracy = 100 * sum(1 for d in distances if d <= 161) / len(distances)
    share = country_share(answered)
    print(
        f"{corpus.name} gold spans: {len(distances)} toponyms, acc@161 {accuracy:.1f}"
        f"  mean {statistics.mean(distances):.0f} km  median {statistics.median(distances):.0f} km"
        f"  right country {100 * share.share:.1f} (of {share.known})"
    )
    common = Counter((w[2], w[3]) for w in wrong)
    for (text, detail), count in common.most_common(errors):
        print(f"   {count:3d} x {text!r}: {detail}")


def end_to_end(corpus: GoldCorpus) -> None:
    parser = default_geoparser()
    found = correct = near = gold_total = 0
    for doc in corpus.documents:
        result = parser.geoparse(GeoparseRequest(doc.text, title=doc.title))
        predicted = [p for p in result.places if p is not None]
        gold_total += len(doc.toponyms)
        allowed = [Span(s, e) for s, e in doc.unscored_spans]
        golds = [Span(t.start, t.end) for t in doc.toponyms]
        for place in predicted:
            span = Span(place.start, place.end)
            if any(span.overlaps(g) for g in golds):
                found += 1
                correct += 1
            elif not any(span.overlaps(a) for a in allowed):
                found += 1
        for gold in doc.toponyms:
            span = Span(gold.start, gold.end)
            match = next((p for p in predicted if span.overlaps(Span(p.start, p.end))), None)
            if match is not None and distance_km(gold.lat, gold.lon, match.lat, match.lon) <= 161:
                near += 1
    recall = sum(1 for doc in corpus.documents for _ in doc.toponyms)
    print(
        f"{corpus.name} end to end: precision {correct / max(1, found):.3f}"
        f"  acc@161 over gold {100 * near / max(1, gold_total):.1f} ({recall} gold)"
    )


def recall_of(corpus: GoldCorpus) -> None:
    parser = default_geoparser()
    hit = total = 0
    for doc in corpus.documents:
        result = parser.geoparse(GeoparseRequest(doc.text, title=doc.title))
        spans = [Span(p.start, p.end) for p in result.places if p is not None]
        for gold in doc.toponyms:
            total += 1
            hit += any(Span(gold.start, gold.end).overlaps(s) for s in spans)
    print(f"{corpus.name} end to end: recall {hit / max(1, total):.3f}")


def reuters(limit: int) -> None:
    parser = default_geoparser()
    stories = read_reuters()
    stories = stories[:limit] if limit else stories
    requests = [
        GeoparseRequest(f"{s.title}\n\n{s.text}", body_start=len(s.title) + 2) for s in stories
    ]
    words = sum(len(r.text.split()) for r in requests)
    started = time.perf_counter()
    predicted = [{c.code for c in parser.geoparse(r).countries if c.focus} for r in requests]
    elapsed = time.perf_counter() - started
    tp = fp = fn = 0
    missed: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    for story, guess in zip(stories, predicted, strict=True):
        gold = set(story.countries)
        tp += len(gold & guess)
        fp += len(guess - gold)
        fn += len(gold - guess)
        missed.update(gold - guess)
        extra.update(guess - gold)
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    print(
        f"Reuters focus: P {p:.3f} R {r:.3f} F1 {2 * p * r / max(1e-9, p + r):.3f};"
        f" {words / elapsed:,.0f} words/s"
    )
    print("  missed:", ", ".join(f"{c} {n}" for c, n in missed.most_common(12)))
    print("  extra: ", ", ".join(f"{c} {n}" for c, n in extra.most_common(12)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--corpus", default="all")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--no-e2e", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    default_geoparser()
    print(f"geoparser loaded in {time.perf_counter() - started:.2f} s")
    for name, reader in (("gwn", read_gwn), ("trnews", read_trnews)):
        if args.corpus in (name, "all"):
            corpus = reader()
            resolution(corpus, args.errors)
            if not args.no_e2e:
                end_to_end(corpus)
                recall_of(corpus)
    if args.corpus in ("reuters", "all"):
        reuters(args.limit)


if __name__ == "__main__":
    main()
