"""Score the events of `worldbrief annotate --jsonl` on CASE 2021 and ACLED, as a user calls it.

- CASE 2021 Task 2 (``events/case2021-task2-dev.tsv``): weighted F1 of the first event's subtype
  over the 30 codes (mapped to sub-event names by ``events/event-types.tsv``); a snippet without
  an event counts as a miss.
- ACLED Bangladesh 2024 (``events/acled-bangladesh-2024.csv``): each row's ``notes`` as the text,
  published the day after the event; the share of rows whose first event has ACLED's type, its
  sub-event type, a place within 50 km of ACLED's coordinates, and exactly its date.
- Throughput: annotate words per second over the Reuters-21578 dev file (``--reuters N``
  stories), with and without the events stage, and the events stage alone per article.

The data is read from ../shared/data and used only to measure. Usage:
    .venv/bin/python bench/eval_events.py [--acled-every 1] [--failures 20] [--reuters 2000]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ANNOTATE = Path(sys.executable).with_name("worldbrief")
Record = dict[str, Any]


def run_annotate(
    requests: Sequence[Record], env: dict[str, str] | None = None
) -> tuple[dict[str, Record], float]:
    """Run `worldbrief annotate --jsonl FILE` once; its answers by id, and the seconds taken."""
    with tempfile.TemporaryDirectory(prefix="worldbrief-events-") as tmp:
        source = Path(tmp) / "in.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in requests), encoding="utf-8")
        started = time.perf_counter()
        done = subprocess.run(
            [str(ANNOTATE), "annotate", "--jsonl", str(source)],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, **(env or {})},
        )
        seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"annotate exited with {done.returncode}: {done.stderr[-600:]}")
    answers = {}
    for line in done.stdout.splitlines():
        record = json.loads(line)
        if record.get("id") is not None:
            answers[record["id"]] = record
    return answers, seconds


def weighted_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    total = 0.0
    for label, support in Counter(gold).items():
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if p == label != g)
        fn = support - tp
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        total += f1 * support / len(gold)
    return 100 * total


def first_event(answer: Record | None) -> Record | None:
    events = (answer or {}).get("events") or []
    return events[0] if events else None


# ------------------------------------------------------------------------------------ CASE


def evaluate_case(failures: int) -> None:
    codes = {
        r["case_code"]: r["subtype"]
        for r in csv.DictReader((DATA / "events/event-types.tsv").open(), delimiter="\t")
    }
    with (DATA / "events/case2021-task2-dev.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    answers, seconds = run_annotate([{"id": r["id"], "text": r["EventSnippet"]} for r in rows])
    gold = [codes[r["SubType"]] for r in rows]
    predicted = []
    for r in rows:
        event = first_event(answers.get(r["id"]))
        predicted.append(event["subtype"] if event else "(no event)")
    correct = sum(g == p for g, p in zip(gold, predicted, strict=True))
    print(f"CASE 2021 Task 2: {len(rows)} snippets in {seconds:.1f} s")
    print(f"  weighted F1 of the first event's subtype: {weighted_f1(gold, predicted):.1f}")
    print(
        f"  accuracy {100 * correct / len(rows):.1f}%, no event found in "
        f"{predicted.count('(no event)')}"
    )
    confusions = Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p)
    if failures:
        print("  most frequent confusions (gold -> predicted):")
        for (g, p), n in confusions.most_common(failures):
            print(f"    {n:3d}  {g} -> {p}")
        misses = [(r, p) for r, g, p in zip(rows, gold, predicted, strict=True) if g != p]
        for r, p in misses[:failures]:
            print(f"  - [{codes[r['SubType']]} -> {p}] {r['EventSnippet'][:160]}")


# ------------------------------------------------------------------------------------ ACLED


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def evaluate_acled(every: int, failures: int) -> None:
    with (DATA / "events/acled-bangladesh-2024.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[::every]
    requests = []
    for i, r in enumerate(rows):
        day = datetime.strptime(r["event_date"], "%d-%b-%y")
        published = (day + timedelta(days=1)).date().isoformat()
        requests.append({"id": str(i), "text": r["notes"], "published_at": published})
    answers, seconds = run_annotate(requests)
    hits: Counter[str] = Counter()
    misses: list[tuple[str, Record, Record | None]] = []
    for i, r in enumerate(rows):
        event = first_event(answers.get(str(i)))
        day = datetime.strptime(r["event_date"], "%d-%b-%y").date().isoformat()
        if event is None:
            misses.append(("no event", r, None))
            continue
        hits["found"] += 1
        hits["type"] += event["type"] == r["event_type"]
        hits["subtype"] += event["subtype"] == r["sub_event_type"]
        hits["date"] += event["date"] == day
        place = event.get("place")
        if place and place.get("lat") is not None:
            distance = haversine_km(
                place["lat"], place["lon"], float(r["latitude"]), float(r["longitude"])
            )
            hits["place"] += distance <= 50
        if event["subtype"] != r["sub_event_type"]:
            misses.append((f"{r['sub_event_type']} -> {event['subtype']}", r, event))
    n = len(rows)
    print(f"ACLED Bangladesh 2024: {n} rows (every {every}) in {seconds:.1f} s")
    print(f"  an event found   {100 * hits['found'] / n:5.1f}%")
    for key, target in (("type", 80), ("subtype", 60), ("place", 70), ("date", 90)):
        print(f"  {key:<16} {100 * hits[key] / n:5.1f}%  (target {target}%)")
    if failures:
        print("  most frequent confusions:")
        for kind, count in Counter(k for k, _, _ in misses).most_common(failures):
            print(f"    {count:4d}  {kind}")
        for kind, r, _event in misses[:failures]:
            print(f"  - [{kind}] {r['notes'][:160]}")


# ------------------------------------------------------------------------------- throughput


def evaluate_speed(stories: int) -> None:
    records = []
    with (DATA / "reuters21578/dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            story = json.loads(line)
            records.append(
                {"id": str(story["id"]), "text": story["body"], "title": story.get("title")}
                | ({"published_at": story["published_at"]} if story.get("published_at") else {})
            )
            if len(records) >= stories:
                break
    words = sum(len(r["text"].split()) for r in records)
    from worldbrief.config import Settings

    stages = [n for n in Settings().enrich_stage_names if n != "events"]
    _, base = run_annotate(records, {"WORLDBRIEF_ENRICH_STAGES": ",".join(stages)})
    answers, full = run_annotate(records)
    events = sum(len(a.get("events", [])) for a in answers.values())
    print(
        f"Throughput over {len(records)} Reuters stories ({words:,} words), one annotate run "
        "each (start-up included):"
    )
    print(f"  stages {','.join(stages)}: {words / base:,.0f} words/s ({base:.1f} s)")
    print(
        f"  and the events stage: {words / full:,.0f} words/s ({full:.1f} s), {events} events found"
    )
    from worldbrief.events.extract import EventExtractor

    extractor = EventExtractor()
    published = [
        datetime.fromisoformat(r["published_at"]) if r.get("published_at") else None
        for r in records
    ]
    started = time.perf_counter()
    for r, when in zip(records, published, strict=True):
        extractor.extract(r["text"], when)
    alone = time.perf_counter() - started
    print(
        f"  the events stage alone (in process, with publication times, no places): "
        f"{1000 * alone / len(records):.2f} ms an article, {words / alone:,.0f} words/s"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--failures", type=int, default=0, help="print this many misses")
    parser.add_argument("--acled-every", type=int, default=1, help="score every Nth ACLED row")
    parser.add_argument("--reuters", type=int, default=2000, help="stories for throughput")
    parser.add_argument("--only", choices=("case", "acled", "speed"), help="one part only")
    args = parser.parse_args(argv)
    if args.only in (None, "case"):
        evaluate_case(args.failures)
    if args.only in (None, "acled"):
        evaluate_acled(args.acled_every, args.failures)
    if args.only in (None, "speed"):
        evaluate_speed(args.reuters)


if __name__ == "__main__":
    main()
