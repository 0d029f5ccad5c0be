"""Building and enriching articles, in this process or on worker processes (one per core).

``ingest`` sends records (parse -> build -> enrich) and ``enrich`` sends stored articles (the
chosen stages again) through an ``Enricher``; either way one outcome comes back per item, in
order, and a failing item becomes a rejection naming it while the rest go on. Each worker builds
the configured pipeline once, so the gazetteer loads once per worker.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from worldbrief.config import Settings
from worldbrief.domain import (
    Article,
    Author,
    CountryMention,
    Enrichment,
    NamedEntity,
    PlaceMention,
    RawDocument,
    RegionMention,
    RejectedRecord,
    Source,
    Span,
)
from worldbrief.domain.events import EventActor, EventMention
from worldbrief.enrich.pipeline import Pipeline
from worldbrief.enrich.registry import (
    BUILTIN_STAGE_MODULES,
    configured_pipeline,
    load_stage_modules,
)
from worldbrief.geo.gazetteer_build import ensure_gazetteer_cache
from worldbrief.ingest.limits import ReadLimits
from worldbrief.services.article_builder import build_article
from worldbrief.services.platform import load_taxonomy
from worldbrief.services.wire import send_compactly
from worldbrief.services.worker_pool import OrderedPool

log = logging.getLogger(__name__)
Record = RawDocument | RejectedRecord
CHUNK = 50  # items per task: large enough to amortise the round trip, small enough to balance
# Imported once by the fork server rather than by every worker (about a second of CPU each).
_PRELOAD = (__name__, *BUILTIN_STAGE_MODULES)


@dataclass(frozen=True, slots=True)
class Built:
    """An article built and enriched from a record, with where the record was read."""

    article: Article
    location: str
    undated: bool  # the source gave no date: the article is dated when first seen


BuildOutcome = Built | RejectedRecord
EnrichOutcome = Article | RejectedRecord
# What goes to the workers and comes back (imported by both sides, so both register them).
send_compactly(
    (
        RawDocument,
        RejectedRecord,
        Built,
        Article,
        Author,
        Source,
        Enrichment,
        Span,
        PlaceMention,
        CountryMention,
        RegionMention,
        NamedEntity,
        EventMention,
        EventActor,
    )
)


def build_and_enrich(pipeline: Pipeline, record: Record, limits: ReadLimits) -> BuildOutcome:
    if isinstance(record, RejectedRecord):
        return record
    try:
        article = build_article(record, limits=limits)
    except ValueError as error:
        return RejectedRecord(record.location, str(error))
    except Exception as error:  # one bad record must not abort the batch
        log.exception("unexpected failure building %s", record.location)
        return RejectedRecord(record.location, f"could not be read: {error!r}")
    try:
        article = pipeline(article)
    except Exception as error:  # one bad record must not abort the batch
        return RejectedRecord(record.location, f"enrichment failed: {error!r}")
    return Built(article, record.location, record.published_at is None)


def enrich_stored(pipeline: Pipeline, article: Article) -> EnrichOutcome:
    try:
        return pipeline(article)
    except Exception as error:  # one bad article must not abort the run
        return RejectedRecord(f"article {article.id}", f"enrichment failed: {error!r}")


class Enricher(Protocol):
    def build(self, records: Iterable[Record]) -> Iterator[BuildOutcome]: ...

    def enrich(self, articles: Iterable[Article]) -> Iterator[EnrichOutcome]: ...

    def close(self) -> None: ...


class InProcessEnricher:
    def __init__(self, pipeline: Pipeline, limits: ReadLimits) -> None:
        self.pipeline = pipeline
        self.limits = limits

    def build(self, records: Iterable[Record]) -> Iterator[BuildOutcome]:
        return (build_and_enrich(self.pipeline, r, self.limits) for r in records)

    def enrich(self, articles: Iterable[Article]) -> Iterator[EnrichOutcome]:
        return (enrich_stored(self.pipeline, a) for a in articles)

    def close(self) -> None:
        pass


class PooledEnricher:
    """``workers`` processes, each with the pipeline ``settings`` configure (only ``stages``
    of it when given). ``ahead`` bounds the items in flight."""

    def __init__(
        self,
        settings: Settings,
        workers: int,
        stages: Sequence[str] | None = None,
        ahead: int = 4000,
    ) -> None:
        ensure_gazetteer_cache()  # built once here, not by every worker at once
        self.ahead = ahead
        # Several chunks per worker in flight, so none waits while another chunk comes back.
        self.chunk = max(1, min(CHUNK, ahead // (2 * workers)))
        args = (settings, tuple(stages) if stages is not None else None)
        self._builds: OrderedPool[Record, BuildOutcome] = OrderedPool(
            workers, _build_chunk, _record_died, _start_worker, args, _PRELOAD
        )
        self._enrichments: OrderedPool[Article, EnrichOutcome] | None = None
        self._workers, self._args = workers, args

    def build(self, records: Iterable[Record]) -> Iterator[BuildOutcome]:
        return self._builds.map(records, self.chunk, self.ahead)

    def enrich(self, articles: Iterable[Article]) -> Iterator[EnrichOutcome]:
        if self._enrichments is None:
            self._builds.close()
            self._enrichments = OrderedPool(
                self._workers, _enrich_chunk, _article_died, _start_worker, self._args, _PRELOAD
            )
        return self._enrichments.map(articles, self.chunk, self.ahead)

    def close(self) -> None:
        self._builds.close()
        if self._enrichments is not None:
            self._enrichments.close()


def worker_count(settings: Settings, requested: int | None = None) -> int:
    """``requested``, else the setting, where 0 means one per core."""
    count = requested if requested is not None else settings.ingest_workers
    return count if count > 0 else os.cpu_count() or 1


# --- in the worker processes -------------------------------------------------------------------

_worker_pipeline: Pipeline | None = None
_worker_limits: ReadLimits | None = None


def _start_worker(settings: Settings, stages: tuple[str, ...] | None) -> None:
    global _worker_pipeline, _worker_limits
    load_stage_modules()
    pipeline = configured_pipeline(settings, load_taxonomy(settings))
    _worker_pipeline = pipeline.select(stages) if stages is not None else pipeline
    _worker_limits = ReadLimits.from_settings(settings)


def _worker_state() -> tuple[Pipeline, ReadLimits]:
    if _worker_pipeline is None or _worker_limits is None:
        raise RuntimeError("enrichment worker started without its pipeline")
    return _worker_pipeline, _worker_limits


def _build_chunk(records: list[Record]) -> list[BuildOutcome]:
    pipeline, limits = _worker_state()
    return [build_and_enrich(pipeline, record, limits) for record in records]


def _enrich_chunk(articles: list[Article]) -> list[EnrichOutcome]:
    pipeline, _ = _worker_state()
    return [enrich_stored(pipeline, article) for article in articles]


def _record_died(record: Record) -> BuildOutcome:
    if isinstance(record, RejectedRecord):
        return record
    return RejectedRecord(record.location, _DIED)


def _article_died(article: Article) -> EnrichOutcome:
    return RejectedRecord(f"article {article.id}", _DIED)


_DIED = "the worker enriching it stopped (out of memory?); skipped"
