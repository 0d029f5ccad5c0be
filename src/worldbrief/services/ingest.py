"""Use case: bring documents from files, URLs and feeds into the store and the index.

Documents flow in batches: build and enrich (on worker processes for large inputs) → skip exact
duplicates of stored text → link near-duplicates → upsert (one transaction per batch) → index
catch-up. A bad record is reported with its location and skipped; a killed run leaves whole
batches behind, and a rerun lands on the same ids.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

from worldbrief.domain import Article, RawDocument, RejectedRecord
from worldbrief.ingest.feeds import FEED_CONTENT_TYPES, FeedError, parse_feed
from worldbrief.ingest.files import count_records, read_path
from worldbrief.ingest.limits import ReadLimits
from worldbrief.ingest.safe_fetch import HTML_CONTENT_TYPES, FetchError, SafeFetcher
from worldbrief.ingest.web import ExtractionError, document_from_page
from worldbrief.services.enrichment_runs import (
    BuildOutcome,
    Built,
    Enricher,
    InProcessEnricher,
    PooledEnricher,
    worker_count,
)
from worldbrief.services.indexing import IndexFollower
from worldbrief.services.near_duplicates import OriginalFinder
from worldbrief.services.platform import Platform
from worldbrief.store import ArticleStore, StoreError, UpsertOutcome
from worldbrief.text.urls import UnsafeUrlError, checked_http_url

# Records per transaction: large enough that per-batch costs (lookups, a commit) are small per
# article, small enough that a batch's articles fit in memory many times over.
BATCH_SIZE = 2000
log = logging.getLogger(__name__)
Record = RawDocument | RejectedRecord
ProgressCallback = Callable[[int], None]


@dataclass
class IngestReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0  # same content as an article already stored under another identity
    near_duplicates: int = 0  # stored and linked to the article they repeat
    rejected: list[RejectedRecord] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return self.created + self.updated + self.unchanged + self.duplicates

    def merge(self, other: IngestReport) -> None:
        for name in ("created", "updated", "unchanged", "duplicates", "near_duplicates"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.rejected.extend(other.rejected)
        self.article_ids.extend(other.article_ids)


def ingest_sources(
    platform: Platform, sources: Sequence[str], progress: ProgressCallback | None = None
) -> IngestReport:
    """Ingest local paths and http(s) URLs, in the order given."""
    return ingest_records(platform, records_from_sources(platform, sources), progress)


def estimate_records(sources: Sequence[str]) -> int:
    """About how many records (documents and rejections) ``sources`` will give, for a progress
    bar: one per URL, missing path or ordinary file, one per line of JSON Lines."""
    total = 0
    for source in sources:
        if "://" in source:
            total += 1
            continue
        try:
            total += count_records(Path(source)) if Path(source).exists() else 1
        except (OSError, ValueError):
            total += 1
    return total


def records_from_sources(platform: Platform, sources: Sequence[str]) -> Iterator[Record]:
    limits = ReadLimits.from_settings(platform.settings)
    for source in sources:
        if source.startswith(("http://", "https://")):
            yield from records_from_url(platform, source, limits)
        elif "://" in source:
            yield RejectedRecord(source, "only http and https URLs can be ingested")
        else:
            path = Path(source)
            try:
                exists = path.exists()
            except (OSError, ValueError) as error:  # a name too long, or with a NUL byte
                yield RejectedRecord(source, f"cannot read the path: {error}")
                continue
            if not exists:
                yield RejectedRecord(source, "no such file or directory")
                continue
            yield from read_path(path, limits)


def records_from_url(
    platform: Platform, url: str, limits: ReadLimits | None = None
) -> Iterator[Record]:
    """A URL is a page to extract, or a feed whose entries are ingested once (not subscribed)."""
    limits = limits or ReadLimits.from_settings(platform.settings)
    try:
        checked_http_url(url)
    except UnsafeUrlError as error:
        yield RejectedRecord(url, str(error))
        return
    fetcher = SafeFetcher(platform.settings)
    try:
        result = fetcher.fetch(url, accept=(*HTML_CONTENT_TYPES, *FEED_CONTENT_TYPES))
        if _looks_like_feed(result.content_type, result.body):
            yield from parse_feed(result.body, result.final_url, limits, result.charset).entries
        else:
            yield document_from_page(result, limits)
    except (FetchError, ExtractionError, FeedError) as error:
        yield RejectedRecord(url, error.reason)


def _looks_like_feed(content_type: str | None, body: bytes) -> bool:
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type in FEED_CONTENT_TYPES:
        return True
    head = body[:512].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head)


def ingest_records(
    platform: Platform,
    records: Iterable[Record],
    progress: ProgressCallback | None = None,
    workers: int | None = None,
    batch_size: int = BATCH_SIZE,
    follow_index: bool = True,
) -> IngestReport:
    """Ingest ``records`` in batches of ``batch_size``. Records are built and enriched on
    worker processes (``workers``, default the ``ingest_workers`` setting) when there are more
    than one batch of them, in this process otherwise; this process deduplicates, links, stores
    and indexes, one transaction per batch, while the workers go on with the next. A queue
    worker, which serves no searches, passes ``follow_index=False``: the app nodes' indexes
    catch up from the change log."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    report = IngestReport()
    iterator = iter(records)
    first = list(islice(iterator, batch_size + 1))  # one more tells whether a batch is all
    count = worker_count(platform.settings, workers)
    enricher: Enricher
    if count > 1 and len(first) > batch_size:
        enricher = PooledEnricher(platform.settings, count, ahead=2 * batch_size)
    else:
        limits = ReadLimits.from_settings(platform.settings)
        enricher = InProcessEnricher(platform.pipeline, limits)
    follower = IndexFollower(platform.store, platform.index) if follow_index else None
    try:
        built = enricher.build(chain(first, iterator))
        while chunk := list(islice(built, batch_size)):
            batch_report, written = _store_built(platform, chunk)
            report.merge(batch_report)
            if follower is not None:
                follower.follow(written)
            if progress:
                progress(len(chunk))
    finally:
        enricher.close()
        if follower is not None:
            follower.finish()
    return report


def _store_built(
    platform: Platform, chunk: list[BuildOutcome]
) -> tuple[IngestReport, list[tuple[int, Article]]]:
    """Deduplicate, link and store one batch; the report, and the articles written with the
    sequence of their write."""
    report = IngestReport()
    store = platform.store
    built: list[Built] = []
    for item in chunk:
        if isinstance(item, RejectedRecord):
            report.rejected.append(item)
        else:
            built.append(item)
    built = _keep_first_seen_dates(store, built)
    stored_hashes = store.oldest_ids_by_content_hash([b.article.content_hash for b in built])
    fresh: dict[str, Article] = {}
    seen_hashes: dict[str, str] = {}
    # Where each article was read from, for reports only: provenance is not part of the article,
    # so reading the same text from another file is not an update.
    locations: dict[str, str] = {}
    for item in built:
        article = item.article
        known = seen_hashes.get(article.content_hash) or stored_hashes.get(article.content_hash)
        # The same text under the same identity is not a duplicate: it goes on, and the store
        # tells whether anything else (access, byline, dates) changed.
        if known is not None and known != article.id:
            report.duplicates += 1
            report.article_ids.append(known)
            continue
        seen_hashes[article.content_hash] = article.id
        fresh[article.id] = article
        locations[article.id] = item.location

    linked = _link_near_duplicates(platform, list(fresh.values()), report)
    by_id = {a.id: a for a in linked}
    written: list[tuple[int, Article]] = []
    for outcome in _store_batch(store, linked):
        if outcome.status == "rejected":
            reason = f"could not be stored: {outcome.error}"
            report.rejected.append(RejectedRecord(locations.get(outcome.article_id, "?"), reason))
            continue
        if outcome.status == "created":
            report.created += 1
        elif outcome.status == "updated":
            report.updated += 1
        else:
            report.unchanged += 1
        if outcome.seq is not None and outcome.article_id in by_id:
            written.append((outcome.seq, by_id[outcome.article_id]))
        report.article_ids.append(outcome.article_id)
    return report, written


def _store_batch(store: ArticleStore, articles: list[Article]) -> list[UpsertOutcome]:
    """Upsert ``articles`` in one transaction; when the database refuses the batch, store them
    one by one so that only the article it refuses is lost (rejected with the reason). When
    every one is refused the database itself is failing, and the first error is raised."""
    try:
        return store.upsert_articles(articles)
    except StoreError as batch_error:
        if len(articles) < 2:
            raise
        outcomes: list[UpsertOutcome] = []
        for article in articles:
            try:
                outcomes.extend(store.upsert_articles([article]))
            except StoreError as error:
                outcomes.append(UpsertOutcome(article.id, "rejected", error=str(error)))
        if all(o.status == "rejected" for o in outcomes):
            raise batch_error from None
        return outcomes


def _keep_first_seen_dates(store: ArticleStore, built: list[Built]) -> list[Built]:
    """An undated source is dated when first seen; seeing it again must not move it."""
    undated = [b.article.id for b in built if b.undated]
    if not undated:
        return built
    stored = store.published_dates(undated)
    return [
        dataclasses.replace(
            b, article=dataclasses.replace(b.article, published_at=stored[b.article.id])
        )
        if b.undated and b.article.id in stored
        else b
        for b in built
    ]


def _link_near_duplicates(
    platform: Platform, articles: list[Article], report: IngestReport
) -> list[Article]:
    finder = OriginalFinder(platform.store, platform.settings.near_duplicate_threshold)
    finder.prepare(articles)
    linked = list(articles)
    # Oldest first, so that within a batch the earliest publication becomes the original.
    for position in sorted(range(len(linked)), key=lambda i: (linked[i].published_at, i)):
        article = linked[position]
        original = finder.original_of(article)
        if original is not None:
            article = dataclasses.replace(article, duplicate_of=original)
            report.near_duplicates += 1
        finder.remember(article)
        linked[position] = article
    return linked
