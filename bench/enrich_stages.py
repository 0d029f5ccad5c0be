"""CPU of each enrichment stage per article, in one process; optionally every stage's output.

    .venv/bin/python bench/enrich_stages.py /tmp/synth-5k.jsonl [more files]
        [--dump /tmp/stages.txt] [--profile /tmp/stages.prof] [--limit N]

Records are read and built as ``worldbrief ingest`` does (``build``), then the configured
pipeline runs stage by stage, each timed in CPU seconds of this process. ``--dump`` writes, per
article and stage, the repr of every field the stage assigns, so two runs (old and new code)
compare with ``cmp``: identical files mean identical places, countries, entities, events and
evidence spans. ``--profile`` writes cProfile statistics of the stages (not of reading).
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import os
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import TextIO

from worldbrief.config import Settings
from worldbrief.domain import Article, RawDocument
from worldbrief.enrich.pipeline import ENRICHMENT_PREFIX, Stage
from worldbrief.enrich.registry import configured_pipeline
from worldbrief.ingest.files import read_path
from worldbrief.ingest.limits import ReadLimits
from worldbrief.services.article_builder import build_article
from worldbrief.services.platform import load_taxonomy

WARM_UP = 50  # documents enriched once, untimed, before the timed pass


def documents(paths: list[Path], limits: ReadLimits) -> Iterator[RawDocument]:
    for path in paths:
        for record in read_path(path, limits):
            if isinstance(record, RawDocument):
                yield record


def assigned(stage: Stage, article: Article) -> str:
    """The fields ``stage`` assigns, as one deterministic line."""
    parts = []
    for name in sorted(stage.assigns):
        field = name.removeprefix(ENRICHMENT_PREFIX)
        owner: object = article.enrichment if name.startswith(ENRICHMENT_PREFIX) else article
        parts.append(f"{field}={getattr(owner, field)!r}")
    return " ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, nargs="+", help="files ingest reads (JSON Lines)")
    parser.add_argument("--limit", type=int, help="only the first N documents")
    parser.add_argument("--dump", type=Path, help="write every stage's output here")
    parser.add_argument("--profile", type=Path, help="write cProfile statistics here")
    args = parser.parse_args()
    settings = Settings(data_dir=Path("/nonexistent"))
    limits = dataclasses.replace(ReadLimits.from_settings(settings), max_file_bytes=1 << 40)
    pipeline = configured_pipeline(settings, load_taxonomy(settings))
    records = documents(args.corpus, limits)
    raws = list(islice(records, args.limit) if args.limit else records)
    for raw in raws[:WARM_UP]:  # lazy loads (gazetteer, models, dateparser) happen here
        pipeline(build_article(raw, limits=limits))
    spent = dict.fromkeys(["build", *pipeline.names], 0.0)
    out: TextIO | None = args.dump.open("w", encoding="utf-8") if args.dump else None
    profiler = cProfile.Profile() if args.profile else None
    clock = time.process_time
    for raw in raws:
        started = clock()
        article = build_article(raw, limits=limits)
        spent["build"] += clock() - started
        if profiler is not None:
            profiler.enable()
        for stage in pipeline.stages:
            started = clock()
            article = stage(article)
            spent[stage.name] += clock() - started
            if out is not None:
                out.write(f"{raw.location} {article.id} {stage.name} {assigned(stage, article)}\n")
        if profiler is not None:
            profiler.disable()
    if out is not None:
        out.close()
    if profiler is not None:
        profiler.dump_stats(str(args.profile))
    n = max(len(raws), 1)
    for name, seconds in spent.items():
        print(f"{name:14} {seconds * 1000 / n:7.3f} ms an article")
    stages = sum(v for k, v in spent.items() if k != "build")
    print(f"{'stages':14} {stages * 1000 / n:7.3f} ms an article ({len(raws)} articles)")
    print(f"load average   {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
