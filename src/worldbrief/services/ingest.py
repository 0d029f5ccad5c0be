"""Use case: bring documents from files, URLs and feeds into the store and the index.

Documents flow in batches: build → skip what is already stored unchanged → enrich → link
near-duplicates → upsert (one transaction per batch) → index catch-up. A bad record is reported with
its location and skipped; a killed run leaves whole batches behind, and a rerun lands on the
same ids.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from worldbrief.domain import Article, RawDocument, RejectedRecord
from worldbrief.ingest.feeds import FEED_CONTENT_TYPES, FeedError, parse_feed
from worldbrief.ingest.files import count_records, read_path
from worldbrief.ingest.limits import ReadLimits
from worldbrief.ingest.safe_fetch import HTML_CONTENT_TYPES, FetchError, SafeFetcher
from worldbrief.ingest.web import ExtractionError, document_from_page
from worldbrief.services.article_builder import build_article
from worldbrief.services.indexing import catch_up_if_free
from worldbrief.services.near_duplicates import OriginalFinder
from worldbrief.services.platform import Platform
from worldbrief.store import ArticleStore, StoreError, UpsertOutcome
from worldbrief.text.urls import UnsafeUrlError, checked_http_url

BATCH_SIZE = 500
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
            yield from parse_feed(result.body, result.final_url, limits).entries
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
    platform: Platform, records: Iterable[Record], progress: ProgressCallback | None = None
) -> IngestReport:
    report = IngestReport()
    iterator = iter(records)
    while chunk := list(islice(iterator, BATCH_SIZE)):
        report.merge(_ingest_batch(platform, chunk))
        catch_up_if_free(platform.store, platform.index)
        if progress:
            progress(len(chunk))
    return report


def _ingest_batch(platform: Platform, chunk: list[Record]) -> IngestReport:
    report = IngestReport()
    store = platform.store
    limits = ReadLimits.from_settings(platform.settings)
    fresh: dict[str, Article] = {}
    seen_hashes: dict[str, str] = {}
    # Where each article was read from, for reports only: provenance is not part of the article,
    # so reading the same text from another file is not an update.
    locations: dict[str, str] = {}
    for record in chunk:
        if isinstance(record, RejectedRecord):
            report.rejected.append(record)
            continue
        try:
            article = build_article(record, limits=limits)
        except ValueError as error:
            report.rejected.append(RejectedRecord(record.location, str(error)))
            continue
        except Exception as error:  # one bad record must not abort the batch
            log.exception("unexpected failure building %s", record.location)
            report.rejected.append(RejectedRecord(record.location, f"could not be read: {error!r}"))
            continue
        if record.published_at is None:
            article = _keep_first_seen_date(platform, article)
        known = seen_hashes.get(article.content_hash) or store.find_id_by_content_hash(
            article.content_hash
        )
        # The same text under the same identity is not a duplicate: it goes on, and the store
        # tells whether anything else (access, byline, dates) changed.
        if known is not None and known != article.id:
            report.duplicates += 1
            report.article_ids.append(known)
            continue
        seen_hashes[article.content_hash] = article.id
        fresh[article.id] = article
        locations[article.id] = record.location

    enriched = _enrich_all(platform, list(fresh.values()), locations, report)
    linked = _link_near_duplicates(platform, enriched, report)
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
        report.article_ids.append(outcome.article_id)
    return report


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


def _keep_first_seen_date(platform: Platform, article: Article) -> Article:
    """An undated source is dated when first seen; seeing it again must not move it."""
    stored = platform.store.get(article.id)
    if stored is None:
        return article
    return dataclasses.replace(article, published_at=stored.published_at)


def _enrich_all(
    platform: Platform, articles: list[Article], locations: dict[str, str], report: IngestReport
) -> list[Article]:
    enriched = []
    for article in articles:
        try:
            enriched.append(platform.pipeline(article))
        except Exception as error:  # one bad record must not abort the batch
            location = locations.get(article.id, article.id)
            report.rejected.append(RejectedRecord(location, f"enrichment failed: {error!r}"))
    return enriched


def _link_near_duplicates(
    platform: Platform, articles: list[Article], report: IngestReport
) -> list[Article]:
    finder = OriginalFinder(platform.store, platform.settings.near_duplicate_threshold)
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
