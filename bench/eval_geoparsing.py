"""Score `worldbrief annotate --jsonl` on GeoWebNews, TR-News and Reuters-21578, as a user calls it.

The corpora are written to JSONL, the console script of this virtualenv runs as a subprocess and
its output lines are scored (or an existing output file, with --predictions):
- gold spans (``spans`` given): acc@161, mean and median error in km, AUC of log error, and the
  share of toponyms answered in their gold country (see geo_gold_countries.py);
- end to end (no spans): recognition precision and recall (overlapping spans), acc@161 of all gold
  and the right-country share;
- Reuters: focus-country precision, recall and F1, throughput in words/s and peak RSS.

    .venv/bin/python bench/eval_geoparsing.py --all [--limit N] [--workers 2] [--failures 10]
    .venv/bin/python bench/eval_geoparsing.py --corpus trnews --mode spans --predictions out.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo_datasets import (
    GWN_PATH,
    REUTERS_PATH,
    TRNEWS_PATH,
    GoldCorpus,
    GoldDocument,
    GoldToponym,
    ReutersStory,
    read_gwn,
    read_reuters,
    read_trnews,
)
from geo_gold_countries import CountryShare, country_share
from geo_metrics import (
    UNRESOLVED_KM,
    ErrorSummary,
    PrecisionRecall,
    haversine_km,
    match_overlapping,
    summarise_errors,
)

ANNOTATE = Path(sys.executable).with_name("worldbrief")


# ------------------------------------------------------------------------------ annotate output


@dataclass(frozen=True, slots=True)
class PredictedPlace:
    start: int
    end: int
    text: str
    name: str
    lat: float | None
    lon: float | None
    country: str | None = None

    @property
    def resolved(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True, slots=True)
class Annotation:
    """One output line of `annotate`; ``places`` holds None where a place could not be read."""

    id: str
    places: tuple[PredictedPlace | None, ...] = ()
    focus_countries: frozenset[str] = frozenset()
    error: str | None = None


def parse_annotation(line: str) -> Annotation:
    """Read one output line; raises ValueError naming the problem when it has no usable id."""
    record = json.loads(line)
    if not isinstance(record, dict) or not isinstance(record.get("id"), str):
        raise ValueError(f"output line without a string id: {line[:80]!r}")
    if record.get("error") is not None:
        return Annotation(record["id"], error=str(record["error"]))
    places = tuple(_parse_place(place) for place in record.get("places") or [])
    focus = frozenset(
        str(country["code"]).upper()
        for country in record.get("countries") or []
        if isinstance(country, dict) and country.get("focus") is True and country.get("code")
    )
    return Annotation(record["id"], places, focus)


def _parse_place(place: Any) -> PredictedPlace | None:
    if not isinstance(place, dict):
        return None
    try:
        lat, lon = place.get("lat"), place.get("lon")
        return PredictedPlace(
            start=int(place["start"]),
            end=int(place["end"]),
            text=str(place.get("text") or ""),
            name=str(place.get("name") or ""),
            lat=float(lat) if lat is not None else None,
            lon=float(lon) if lon is not None else None,
            country=place.get("country"),
        )
    except (KeyError, TypeError, ValueError):
        return None


def read_annotations(lines: Iterable[str], problems: list[str]) -> dict[str, Annotation]:
    annotations: dict[str, Annotation] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            annotation = parse_annotation(line)
        except ValueError as error:  # json.JSONDecodeError is a ValueError too
            problems.append(f"output line {number}: {error}")
            continue
        annotations[annotation.id] = annotation
    return annotations


# ------------------------------------------------------------------------------------- scoring


@dataclass(frozen=True, slots=True)
class ToponymOutcome:
    document: GoldDocument
    gold: GoldToponym
    predicted: PredictedPlace | None
    error_km: float


def _distance(gold: GoldToponym, predicted: PredictedPlace | None) -> float:
    if predicted is None or predicted.lat is None or predicted.lon is None:
        return UNRESOLVED_KM
    return haversine_km(gold.lat, gold.lon, predicted.lat, predicted.lon)


def _missing(doc_id: str) -> Annotation:
    return Annotation(doc_id, error="no output line for this id")


def score_gold_spans(
    documents: Sequence[GoldDocument], annotations: dict[str, Annotation]
) -> list[ToponymOutcome]:
    """Pair each gold span with its answer: the place at its index if spans agree, else by span."""
    outcomes: list[ToponymOutcome] = []
    for doc in documents:
        annotation = annotations.get(doc.id) or _missing(doc.id)
        by_span = {(p.start, p.end): p for p in annotation.places if p is not None}
        for index, gold in enumerate(doc.toponyms):
            at_index = annotation.places[index] if index < len(annotation.places) else None
            same_span = at_index is not None and (at_index.start, at_index.end) == (
                gold.start,
                gold.end,
            )
            predicted = at_index if same_span else by_span.get((gold.start, gold.end))
            outcomes.append(ToponymOutcome(doc, gold, predicted, _distance(gold, predicted)))
    return outcomes


@dataclass(slots=True)
class EndToEndScore:
    outcomes: list[ToponymOutcome] = field(default_factory=list)
    recognition: PrecisionRecall = field(default_factory=PrecisionRecall)
    false_positives: list[tuple[GoldDocument, PredictedPlace]] = field(default_factory=list)


def score_end_to_end(
    documents: Sequence[GoldDocument], annotations: dict[str, Annotation]
) -> EndToEndScore:
    """Recognition by overlap (see match_overlapping) and distance for every gold toponym.

    A predicted place overlapping no scored gold toponym is a false positive, unless it overlaps
    a place name the annotators left without coordinates.
    """
    score = EndToEndScore()
    for doc in documents:
        annotation = annotations.get(doc.id) or _missing(doc.id)
        predicted = [p for p in annotation.places if p is not None]
        matches = match_overlapping(
            [(g.start, g.end) for g in doc.toponyms], [(p.start, p.end) for p in predicted]
        )
        for index, gold in enumerate(doc.toponyms):
            place = predicted[matches[index]] if index in matches else None
            score.outcomes.append(ToponymOutcome(doc, gold, place, _distance(gold, place)))
        matched = set(matches.values())
        score.recognition.true_pos += len(matches)
        score.recognition.false_neg += len(doc.toponyms) - len(matches)
        for index, place in enumerate(predicted):
            if index in matched or any(
                place.start < end and start < place.end for start, end in doc.unscored_spans
            ):
                continue
            score.recognition.false_pos += 1
            score.false_positives.append((doc, place))
    return score


@dataclass(slots=True)
class CountryScore:
    counts: PrecisionRecall = field(default_factory=PrecisionRecall)
    missed: Counter[str] = field(default_factory=Counter)
    extra: Counter[str] = field(default_factory=Counter)


def score_focus_countries(
    stories: Sequence[ReutersStory], annotations: dict[str, Annotation]
) -> CountryScore:
    """Micro counts of focus countries against the gold ``countries`` of each story."""
    score = CountryScore()
    for story in stories:
        annotation = annotations.get(story.id) or _missing(story.id)
        guess, gold = annotation.focus_countries, story.countries
        score.counts.true_pos += len(gold & guess)
        score.counts.false_pos += len(guess - gold)
        score.counts.false_neg += len(gold - guess)
        score.missed.update(gold - guess)
        score.extra.update(guess - gold)
    return score


# ----------------------------------------------------------------------------- running annotate


@dataclass(frozen=True, slots=True)
class AnnotateRun:
    annotations: dict[str, Annotation]
    words: int
    seconds: float
    peak_rss_mib: float  # of the largest process of the annotate process tree
    problems: tuple[str, ...]

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def count_words(requests: Sequence[dict[str, Any]]) -> int:
    return sum(len(r["text"].split()) + len((r.get("title") or "").split()) for r in requests)


def run_annotate(
    requests: Sequence[dict[str, Any]], workers: int | None = None, keep_as: Path | None = None
) -> AnnotateRun:
    """Run `worldbrief annotate --jsonl FILE [--workers N]` once and read its output back.

    The process is reaped with os.wait4: its peak RSS covers it and its reaped worker processes
    (the largest one), like getrusage(RUSAGE_CHILDREN) but not merged with earlier runs.
    """
    if not ANNOTATE.exists():
        raise SystemExit(f"{ANNOTATE}: console script not found; install the package in this venv")
    command = [str(ANNOTATE), "annotate", "--jsonl"]
    command += [f"--workers={workers}"] if workers else []
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="worldbrief-eval-") as tmp:
        source, sink, log = (Path(tmp) / name for name in ("in.jsonl", "out.jsonl", "err.txt"))
        source.write_text("".join(json.dumps(r) + "\n" for r in requests), encoding="utf-8")
        started = time.perf_counter()
        with sink.open("wb") as stdout, log.open("wb") as stderr:
            pid = os.posix_spawn(
                command[0],
                [*command, str(source)],
                dict(os.environ),
                file_actions=[
                    (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                    (os.POSIX_SPAWN_DUP2, stdout.fileno(), 1),
                    (os.POSIX_SPAWN_DUP2, stderr.fileno(), 2),
                ],
            )
            _, status, usage = os.wait4(pid, 0)
        seconds = time.perf_counter() - started
        if (code := os.waitstatus_to_exitcode(status)) != 0:
            tail = log.read_text(encoding="utf-8", errors="replace").strip()[-600:]
            problems.append(f"annotate exited with {code}: {tail}")
        output = sink.read_text(encoding="utf-8")
        if keep_as is not None:
            keep_as.parent.mkdir(parents=True, exist_ok=True)
            source.replace(keep_as.with_suffix(".in.jsonl"))
            keep_as.with_suffix(".out.jsonl").write_text(output, encoding="utf-8")
    annotations = read_annotations(output.splitlines(), problems)
    peak_mib = usage.ru_maxrss / 1024  # Linux reports KiB
    return AnnotateRun(annotations, count_words(requests), seconds, peak_mib, tuple(problems))


def geoparse_requests(documents: Sequence[GoldDocument], gold_spans: bool) -> list[dict[str, Any]]:
    requests = []
    for doc in documents:
        if gold_spans and not doc.toponyms:
            continue  # nothing to resolve
        request: dict[str, Any] = {"id": doc.id, "text": doc.text}
        if doc.title:
            request["title"] = doc.title
        if doc.published_at:
            request["published_at"] = doc.published_at
        if gold_spans:
            request["spans"] = [[t.start, t.end] for t in doc.toponyms]
        requests.append(request)
    return requests


def reuters_requests(stories: Sequence[ReutersStory]) -> list[dict[str, Any]]:
    return [
        {"id": s.id, "text": s.text, "title": s.title}
        | ({"published_at": s.published_at} if s.published_at else {})
        for s in stories
    ]


# ----------------------------------------------------------------------------------- reporting


@dataclass(frozen=True, slots=True)
class ResultRow:
    corpus: str
    task: str  # "gold spans" or "end to end"
    summary: ErrorSummary
    recognition: PrecisionRecall | None = None
    countries: CountryShare | None = None  # toponyms answered in their gold country


def format_row(row: ResultRow) -> str:
    s = row.summary
    line = (
        f"{row.corpus:<11} {row.task:<11} n={s.count:<5} acc@161 {100 * s.acc161:5.1f}  "
        f"mean {s.mean_km:7.0f} km  median {s.median_km:6.0f} km  AUC {s.auc:.3f}"
    )
    if row.countries is not None:
        line += f"  right country {100 * row.countries.share:.1f}"
    if row.recognition is not None:
        r = row.recognition
        line += f"  recognition P {100 * r.precision:.1f} R {100 * r.recall:.1f}"
    return line


def context(text: str, start: int, end: int, width: int = 60) -> str:
    before = text[max(0, start - width) : start].replace("\n", " ")
    after = text[end : end + width].replace("\n", " ")
    return f"…{before}[{text[start:end]}]{after}…"


def print_worst(outcomes: Sequence[ToponymOutcome], count: int) -> None:
    for outcome in sorted(outcomes, key=lambda o: -o.error_km)[:count]:
        gold, place = outcome.gold, outcome.predicted
        answer = (
            "unresolved"
            if place is None or not place.resolved
            else f"{place.name or place.text} ({place.lat:.2f}, {place.lon:.2f}) {place.country}"
        )
        print(
            f"  {outcome.error_km:7.0f} km  {outcome.document.id}: gold {gold.name or gold.text} "
            f"({gold.lat:.2f}, {gold.lon:.2f}) -> {answer}"
        )
        print(f"             {context(outcome.document.text, gold.start, gold.end)}")


def print_end_to_end_failures(score: EndToEndScore, count: int) -> None:
    missed = Counter(o.gold.text for o in score.outcomes if o.predicted is None)
    extra = Counter(place.text for _, place in score.false_positives)
    print("  most missed:   " + ", ".join(f"{t} {n}" for t, n in missed.most_common(count)))
    print("  most spurious: " + ", ".join(f"{t} {n}" for t, n in extra.most_common(count)))
    for doc, place in score.false_positives[:count]:
        print(f"  spurious {doc.id}: {context(doc.text, place.start, place.end)}")


def markdown_tables(rows: Sequence[ResultRow], reuters: str | None) -> str:
    lines = []
    if rows:
        lines += [
            "| corpus | task | gold toponyms | acc@161 | right country | mean km | median km "
            "| AUC | P | R |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
    for row in rows:
        s, r = row.summary, row.recognition
        recognised = f"{100 * r.precision:.1f} | {100 * r.recall:.1f}" if r else "– | –"
        right = f"{100 * row.countries.share:.1f}" if row.countries else "–"
        lines.append(
            f"| {row.corpus} | {row.task} | {s.count:,} | {100 * s.acc161:.1f} | {right} | "
            f"{s.mean_km:,.0f} | {s.median_km:,.0f} | {s.auc:.3f} | {recognised} |"
        )
    if reuters:
        lines += ["", reuters] if lines else [reuters]
    return "\n".join(lines)


# ------------------------------------------------------------------------------------ commands


@dataclass(slots=True)
class Evaluation:
    args: argparse.Namespace
    rows: list[ResultRow] = field(default_factory=list)
    reuters_markdown: str | None = None
    reuters_run: AnnotateRun | None = None

    def annotations(self, label: str, requests: list[dict[str, Any]]) -> dict[str, Annotation]:
        problems: list[str] = []
        if self.args.predictions:
            lines = Path(self.args.predictions).read_text(encoding="utf-8").splitlines()
            annotations = read_annotations(lines, problems)
        else:
            keep = Path(self.args.keep) / label if self.args.keep else None
            run = run_annotate(requests, self.args.workers, keep)
            annotations, problems = run.annotations, list(run.problems)
            print(
                f"{label}: {run.words:,} words in {run.seconds:.1f} s "
                f"({run.words_per_second:,.0f} words/s), peak RSS {run.peak_rss_mib:,.0f} MiB"
            )
            if label == "reuters":
                self.reuters_run = run
        errors = [f"{a.id}: {a.error}" for a in annotations.values() if a.error]
        missing = sum(1 for r in requests if r["id"] not in annotations)
        if errors or missing or problems:
            print(
                f"{label}: {len(errors)} error lines, {missing} ids without output, "
                f"{len(problems)} problems"
            )
            for problem in [*problems[:3], *errors[:3]]:
                print(f"  {problem}")
        return annotations

    def geoparsing(self, corpus: GoldCorpus) -> None:
        documents = corpus.documents[: self.args.limit or None]
        print(
            f"{corpus.name}: {len(documents)} documents, "
            f"{sum(len(d.toponyms) for d in documents):,} scored toponyms, "
            f"{corpus.realigned} gold offsets realigned, {len(corpus.problems)} gold "
            "annotations skipped"
        )
        key = corpus.name.lower().replace("-", "")
        if self.args.mode in ("spans", "both"):
            requests = geoparse_requests(documents, gold_spans=True)
            outcomes = score_gold_spans(documents, self.annotations(f"{key}-spans", requests))
            row = ResultRow(
                corpus.name,
                "gold spans",
                summarise_errors([o.error_km for o in outcomes]),
                countries=_country_share(outcomes),
            )
            self.rows.append(row)
            print(format_row(row))
            if self.args.failures:
                print_worst(outcomes, self.args.failures)
        if self.args.mode in ("text", "both"):
            requests = geoparse_requests(documents, gold_spans=False)
            score = score_end_to_end(documents, self.annotations(f"{key}-text", requests))
            errors = [o.error_km for o in score.outcomes]
            row = ResultRow(
                corpus.name,
                "end to end",
                summarise_errors(errors),
                score.recognition,
                _country_share(score.outcomes),
            )
            self.rows.append(row)
            print(format_row(row))
            if self.args.failures:
                print_worst([o for o in score.outcomes if o.predicted], self.args.failures)
                print_end_to_end_failures(score, self.args.failures)

    def reuters(self) -> None:
        problems: list[str] = []
        stories = read_reuters(problems=problems)[: self.args.limit or None]
        print(f"Reuters: {len(stories):,} stories, {len(problems)} unreadable lines")
        score = score_focus_countries(
            stories, self.annotations("reuters", reuters_requests(stories))
        )
        c = score.counts
        print(
            f"Reuters     focus countries  P {100 * c.precision:.1f}  R {100 * c.recall:.1f}  "
            f"F1 {100 * c.f1:.1f}"
        )
        if self.args.failures:
            n = self.args.failures
            print("  most missed: " + ", ".join(f"{k} {v}" for k, v in score.missed.most_common(n)))
            print("  most extra:  " + ", ".join(f"{k} {v}" for k, v in score.extra.most_common(n)))
        run = self.reuters_run
        speed = f"{run.words_per_second:,.0f} | {run.peak_rss_mib:,.0f}" if run else "– | –"
        self.reuters_markdown = "\n".join(
            [
                "| Reuters-21578 stories | focus P | focus R | focus F1 | words/s | peak RSS MiB |",
                "|---|---|---|---|---|---|",
                f"| {len(stories):,} | {100 * c.precision:.1f} | {100 * c.recall:.1f} | "
                f"{100 * c.f1:.1f} | {speed} |",
            ]
        )


def _country_share(outcomes: Sequence[ToponymOutcome]) -> CountryShare:
    """Gold toponyms answered in their gold country (a missed or unresolved one counts wrong)."""
    return country_share(
        (o.gold, o.predicted.country if o.predicted and o.predicted.resolved else None)
        for o in outcomes
    )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=["gwn", "trnews", "reuters", "all"], default="all")
    parser.add_argument(
        "--all", action="store_const", const="all", dest="corpus", help="same as --corpus all"
    )
    parser.add_argument(
        "--mode",
        choices=["spans", "text", "both"],
        default="both",
        help="gold spans given (spans), raw text (text) or both",
    )
    parser.add_argument("--limit", type=int, default=0, help="first N documents of each corpus")
    parser.add_argument("--predictions", help="score this annotate output instead of running it")
    parser.add_argument(
        "--workers", type=int, default=0, help="passed to annotate (default: its own, all cores)"
    )
    parser.add_argument("--failures", type=int, default=0, help="show N worst cases per corpus")
    parser.add_argument("--keep", help="directory to keep each run's input and output JSONL")
    parser.add_argument("--markdown", action="store_true", help="print the tables for the docs")
    args = parser.parse_args(argv)
    if args.predictions and (
        args.corpus == "all" or (args.corpus != "reuters" and args.mode == "both")
    ):
        parser.error(
            "--predictions scores one output: name one --corpus and, for gwn or trnews, "
            "--mode spans or --mode text"
        )
    if args.predictions and not Path(args.predictions).is_file():
        parser.error(f"--predictions {args.predictions}: no such file")
    return args


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    for path in (GWN_PATH, TRNEWS_PATH, REUTERS_PATH):
        if not path.exists():
            raise SystemExit(f"{path}: evaluation data not found (see ../shared/data/README.md)")
    evaluation = Evaluation(args)
    if args.corpus in ("gwn", "all"):
        evaluation.geoparsing(read_gwn())
    if args.corpus in ("trnews", "all"):
        evaluation.geoparsing(read_trnews())
    if args.corpus in ("reuters", "all"):
        evaluation.reuters()
    if args.markdown:
        print()
        print(markdown_tables(evaluation.rows, evaluation.reuters_markdown))


if __name__ == "__main__":
    main()
