"""Use case: run enrichment stages again over the stored articles (``worldbrief enrich``).

Articles are read in id order, a batch at a time, enriched on worker processes, and written
back through the ordinary upsert: an article whose enrichment did not change is ``unchanged``
and logs nothing, a changed one is logged and the index catches up from the change log. After
each stored batch a checkpoint (the last id done) is written to the data directory, so a killed
run started again with the same stages continues after it. A run given a ``limit`` stops after that
many articles and leaves its checkpoint behind when articles remain, so the store can be
re-enriched a slice at a time. Near-duplicate links are kept as they are: re-enrichment changes
what was derived from an article, not which article it repeats.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from worldbrief.domain import Article, RejectedRecord
from worldbrief.enrich.registry import check_stages
from worldbrief.ingest.limits import ReadLimits
from worldbrief.services.enrichment_runs import (
    Enricher,
    InProcessEnricher,
    PooledEnricher,
    worker_count,
)
from worldbrief.services.indexing import IndexFollower
from worldbrief.services.platform import Platform
from worldbrief.store.errors import redact_url

BATCH_SIZE = 2000
CHECKPOINT_FILE = "enrich-checkpoint.json"


@dataclass
class EnrichReport:
    changed: int = 0
    unchanged: int = 0
    resumed_after: str | None = None  # the checkpoint this run continued from
    stopped_after: str | None = None  # the checkpoint left for the next run, when the limit hit
    failed: list[RejectedRecord] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.changed + self.unchanged + len(self.failed)


@dataclass(frozen=True, slots=True)
class Checkpoint:
    store: str  # which store (password hidden) and which stages it belongs to
    stages: tuple[str, ...]
    last_id: str

    @classmethod
    def read(cls, path: Path) -> Checkpoint | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(str(data["store"]), tuple(data["stages"]), str(data["last_id"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write(self, path: Path) -> None:
        temporary = path.with_suffix(".tmp")
        payload = {"store": self.store, "stages": list(self.stages), "last_id": self.last_id}
        temporary.write_text(json.dumps(payload), encoding="utf-8")
        temporary.replace(path)


def checkpoint_path(platform: Platform) -> Path:
    return platform.settings.data_dir / CHECKPOINT_FILE


def re_enrich(
    platform: Platform,
    stages: Sequence[str] | None = None,
    *,
    restart: bool = False,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    batch_size: int = BATCH_SIZE,
    limit: int | None = None,
) -> EnrichReport:
    """Run ``stages`` (default: every configured stage) over the stored articles, all of them
    or the first ``limit`` still to do. Unknown or mis-ordered stages raise before any article
    is read."""
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be 1 or more articles, got {limit}")
    configured = platform.settings.enrich_stage_names
    chosen = tuple(configured if not stages else dict.fromkeys(stages))
    check_stages(configured, chosen)
    report = EnrichReport()
    path = checkpoint_path(platform)
    store_name = redact_url(platform.store.url)
    after: str | None = None
    found = None if restart else Checkpoint.read(path)
    if found is not None and found.store == store_name and found.stages == chosen:
        after = report.resumed_after = found.last_id

    total = platform.store.count()
    planned = total if limit is None else min(total, limit)
    count = worker_count(platform.settings, workers)
    enricher: Enricher
    if count > 1 and planned > batch_size:
        enricher = PooledEnricher(platform.settings, count, chosen, ahead=2 * batch_size)
    else:
        limits = ReadLimits.from_settings(platform.settings)
        enricher = InProcessEnricher(platform.pipeline.select(chosen), limits)
    fed: deque[str] = deque()
    follower = IndexFollower(platform.store, platform.index)
    last_id: str | None = None
    try:
        articles = _stored_articles(platform, after, fed, batch_size)
        outcomes = enricher.enrich(articles if limit is None else islice(articles, limit))
        while True:
            chunk = list(islice(outcomes, batch_size))
            if not chunk:
                break
            last_id = [fed.popleft() for _ in chunk][-1]
            follower.follow(_store(platform, chunk, report))
            Checkpoint(store_name, chosen, last_id).write(path)
            if progress:
                progress(len(chunk))
    finally:
        enricher.close()
        follower.finish()
    if limit is not None and report.done == limit and _any_after(platform, last_id):
        report.stopped_after = last_id  # its checkpoint stays: the next run continues after it
    else:
        path.unlink(missing_ok=True)  # finished: the next run starts from the beginning
    return report


def _any_after(platform: Platform, last_id: str | None) -> bool:
    return last_id is not None and next(platform.store.iter_all_ids(1, last_id), None) is not None


def _stored_articles(
    platform: Platform, after: str | None, fed: deque[str], batch_size: int
) -> Iterator[Article]:
    """Every stored article with an id after ``after``, in id order; each id is noted in
    ``fed`` as it goes out, so outcomes (which come back in order) can be matched to ids."""
    for ids in platform.store.iter_all_ids(batch=batch_size, after=after):
        for article in platform.store.get_many(ids):
            fed.append(article.id)
            yield article


def _store(
    platform: Platform, chunk: list[Article | RejectedRecord], report: EnrichReport
) -> list[tuple[int, Article]]:
    articles = []
    for outcome in chunk:
        if isinstance(outcome, RejectedRecord):
            report.failed.append(outcome)
        else:
            articles.append(outcome)
    by_id = {a.id: a for a in articles}
    written: list[tuple[int, Article]] = []
    for result in platform.store.upsert_articles(articles):
        if result.status == "rejected":
            reason = f"could not be stored: {result.error}"
            report.failed.append(RejectedRecord(f"article {result.article_id}", reason))
        elif result.status == "unchanged":
            report.unchanged += 1
        else:
            report.changed += 1
            if result.seq is not None:
                written.append((result.seq, by_id[result.article_id]))
    return written
