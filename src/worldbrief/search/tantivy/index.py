"""The search index on Tantivy: one directory, one writer per process, readers reload on commit."""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

import tantivy
from filelock import FileLock

from worldbrief.domain import Article, RejectedRecord
from worldbrief.search.errors import IndexLockedError
from worldbrief.search.index_state import STATE_FILE, IndexState, read_state, write_state
from worldbrief.search.query import QuerySyntaxError, SearchQuery, SearchResult, SortOrder
from worldbrief.search.tantivy import schema as fields
from worldbrief.search.tantivy.analysis import TEXT_TOKENIZER, text_analyzer
from worldbrief.search.tantivy.documents import article_document
from worldbrief.search.tantivy.facets import aggregation_request, empty_counts, facet_counts
from worldbrief.search.tantivy.hits import HitRenderer
from worldbrief.search.tantivy.query_compiler import QueryCompiler
from worldbrief.search.tantivy.schema import build_schema, schema_fingerprint
from worldbrief.search.tantivy.similarity import only_itself, telling_words

log = logging.getLogger(__name__)

MAX_PER_PAGE = 1000
# Deepest result reachable by paging: the engine keeps offset + per_page candidates in memory.
MAX_RESULT_WINDOW = 10_000
MAX_SIMILAR = 1000
_WRITER_HEAP_BYTES = 64_000_000
# Rebuilding a million articles: a larger heap makes fewer, larger segments to merge later.
BULK_WRITER_HEAP_BYTES = 400_000_000
OPEN_TIMEOUT_SECONDS = 120


class TantivyIndex:
    """A ``SearchIndex`` in the directory ``path``, created when missing.

    An index built with another schema is deleted and recreated empty (it is derived data:
    ``worldbrief reindex`` rebuilds it from the store). The writer is opened on the first
    change, so processes that only search never hold the write lock.
    """

    def __init__(
        self, path: Path, writer_heap_bytes: int = _WRITER_HEAP_BYTES, writer_threads: int = 1
    ) -> None:
        self.path = Path(path)
        self.writer_heap_bytes = writer_heap_bytes
        self.writer_threads = writer_threads
        self._schema = build_schema()
        self._fingerprint = schema_fingerprint()
        self._index = self._open_locked()
        self._index.register_tokenizer(TEXT_TOKENIZER, text_analyzer())
        self._compiler = QueryCompiler(self._schema)
        self._writer: tantivy.IndexWriter | None = None
        self._write_lock = threading.Lock()
        self.rejected: list[RejectedRecord] = []

    # -- writing ---------------------------------------------------------------------------

    def begin_writing(self, bulk: bool = False) -> None:
        """Take the write lock now (``IndexLockedError`` when another writer holds it): read
        ``applied_seq`` only after this, or another writer may move it meanwhile. ``bulk``
        (a rebuild) writes with a larger heap: fewer segments to write and merge."""
        with self._write_lock:
            if bulk and self.writer_heap_bytes < BULK_WRITER_HEAP_BYTES:
                self._release_writer()
                self.writer_heap_bytes = BULK_WRITER_HEAP_BYTES
            self._open_writer()

    def upsert(self, articles: Iterable[Article]) -> None:
        """Add or replace articles; one that cannot be indexed is logged and kept in
        ``rejected`` while the rest go on."""
        self.rejected = []
        with self._write_lock:
            writer = self._open_writer()
            for article in articles:
                try:
                    doc = article_document(article)
                except (ValueError, TypeError, AttributeError) as error:
                    self._reject(article, error)
                    continue
                writer.delete_documents_by_term(fields.ID, article.id)
                writer.add_document(doc)

    def delete(self, article_ids: Iterable[str]) -> None:
        with self._write_lock:
            writer = self._open_writer()
            for article_id in article_ids:
                writer.delete_documents_by_term(fields.ID, article_id)

    def commit(self, applied_seq: int | None = None) -> None:
        if applied_seq is not None and applied_seq < 0:
            raise ValueError(f"applied_seq must be 0 or more, got {applied_seq}")
        with self._write_lock:
            if self._writer is not None:
                self._writer.commit()
            # Only after Tantivy's commit: a crash in between leaves the index behind, not ahead.
            if applied_seq is not None:
                write_state(self.path, IndexState(self._fingerprint, applied_seq))
        self._index.reload()

    def applied_seq(self) -> int:
        state = read_state(self.path)  # read each time: another process may have committed
        return state.applied_seq if state is not None else 0

    def clear(self) -> None:
        """Remove every article at once (committed) and reset the applied sequence to 0."""
        with self._write_lock:
            writer = self._open_writer()
            writer.delete_all_documents()
            writer.commit()
            write_state(self.path, IndexState(self._fingerprint, 0))
        self._index.reload()

    def close(self) -> None:
        """Release the write lock (after finishing background merges)."""
        with self._write_lock:
            self._release_writer()

    def _release_writer(self) -> None:
        if self._writer is not None:
            self._writer.wait_merging_threads()
            self._writer = None

    def __enter__(self) -> TantivyIndex:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        if not 1 <= query.per_page <= MAX_PER_PAGE:
            raise QuerySyntaxError(f"per_page must be between 1 and {MAX_PER_PAGE}")
        if query.offset + query.per_page > MAX_RESULT_WINDOW:
            raise QuerySyntaxError(
                f"the page is too deep: only the first {MAX_RESULT_WINDOW} results can "
                "be paged through; narrow the search instead"
            )
        compiled = self._compiler.compile(query)
        searcher = self._fresh_searcher()
        found = self._top_documents(searcher, compiled.matcher, query)
        total = _match_count(found)
        bodies = fields.body_fields(query.searchable_bodies)
        highlighter = compiled.highlighter if query.snippets else None
        renderer = HitRenderer(searcher, self._schema, highlighter, bodies)
        relevance = query.sort is SortOrder.RELEVANCE
        hits = tuple(
            renderer.render(float(value) if relevance else 0.0, searcher.doc(address))
            for value, address in found.hits
        )
        facets = empty_counts(query.facets)
        if query.facets and total:
            response = searcher.aggregate(compiled.matcher, aggregation_request(query.facets))
            facets = facet_counts(query.facets, response)
        return SearchResult(total=total, hits=hits, facets=facets, query=query)

    def similar(self, article: Article, limit: int = 10) -> list[tuple[str, float]]:
        if limit < 1:
            return []
        searcher = self._fresh_searcher()
        words = telling_words(self._schema, searcher, article)
        if words is None:
            return []
        # The telling words alone, uncounted, the article itself dropped from the hits rather
        # than excluded in the query: no total is wanted, and a plain disjunction lets Tantivy
        # pass over documents that cannot reach the best ``limit``. At a million articles this
        # search took 8.4 ms at the median against 9.8 ms (docs/performance.md).
        wanted = min(limit, MAX_SIMILAR)
        hits = searcher.search(words, wanted + 1, count=False).hits
        ids = [(str(searcher.doc(address).get_first(fields.ID)), float(s)) for s, address in hits]
        found = [(other, score) for other, score in ids if other != article.id][:wanted]
        # The yardstick (the words and the article's own id, matching it alone) reads one
        # document whatever the size of the index.
        own = searcher.search(only_itself(self._schema, words, article), 1, count=False).hits
        # An article not indexed yet (a draft) is measured against its best match instead.
        scale = float(own[0][0]) if own else max((score for _, score in found), default=0.0)
        if scale <= 0:
            return []
        return [(other, min(1.0, score / scale)) for other, score in found]

    def document_count(self) -> int:
        return int(self._fresh_searcher().num_docs)

    def _fresh_searcher(self) -> tantivy.Searcher:
        # Another process may have committed; reloading costs ~20 µs when nothing changed.
        self._index.reload()
        return self._index.searcher()

    def _top_documents(
        self, searcher: tantivy.Searcher, matcher: tantivy.Query, query: SearchQuery
    ) -> tantivy.SearchResult:
        # limit is always >= 1: asking this binding for 0 hits panics.
        if query.sort is SortOrder.RELEVANCE:
            return searcher.search(matcher, query.per_page, count=True, offset=query.offset)
        order = tantivy.Order.Desc if query.sort is SortOrder.NEWEST else tantivy.Order.Asc
        return searcher.search(
            matcher,
            query.per_page,
            count=True,
            order_by_field=fields.PUBLISHED_AT,
            offset=query.offset,
            order=order,
        )

    # -- opening ---------------------------------------------------------------------------

    def _open_locked(self) -> tantivy.Index:
        """Open under a lock file beside the directory (which a recreation removes), so that a
        process never sees an index another is still creating, without its state file, and
        deletes it as incompatible."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.path.with_name(self.path.name + ".lock")))
        with lock.acquire(timeout=OPEN_TIMEOUT_SECONDS):
            return self._open()

    def _open(self) -> tantivy.Index:
        self.path.mkdir(parents=True, exist_ok=True)
        if tantivy.Index.exists(str(self.path)):
            state = read_state(self.path)
            if state is not None and state.schema == self._fingerprint:
                try:
                    return tantivy.Index(self._schema, path=str(self.path), reuse=True)
                except ValueError as error:
                    reason = f"Tantivy cannot open it: {error}"
            else:
                reason = "its state file is missing" if state is None else "its schema differs"
            log.warning(
                "Search index at %s is incompatible (%s); recreating it empty. "
                "Run `worldbrief reindex` to rebuild it from the store.",
                self.path,
                reason,
            )
            shutil.rmtree(self.path)
            self.path.mkdir(parents=True)
        elif any(p.name not in (STATE_FILE, STATE_FILE + ".tmp") for p in self.path.iterdir()):
            raise ValueError(
                f"{self.path} holds files but no search index; refusing to create one there "
                "(choose an empty directory)"
            )
        index = tantivy.Index(self._schema, path=str(self.path), reuse=False)
        write_state(self.path, IndexState(self._fingerprint, 0))
        return index

    def _open_writer(self) -> tantivy.IndexWriter:
        if self._writer is None:
            try:
                self._writer = self._index.writer(
                    heap_size=self.writer_heap_bytes, num_threads=self.writer_threads
                )
            except ValueError as error:
                raise IndexLockedError(
                    f"the search index at {self.path} is being written by another process; "
                    f"only one writer may run at a time ({error})"
                ) from None
        return self._writer

    def _reject(self, article: object, error: Exception) -> None:
        article_id = getattr(article, "id", None)
        title = getattr(article, "title", None)
        location = f"article {article_id!r}" if article_id else f"article titled {title!r}"
        log.error("Not indexed: %s: %s", location, error)
        self.rejected.append(RejectedRecord(location=location, reason=str(error)))


def _match_count(found: tantivy.SearchResult) -> int:
    # The binding's type stubs omit ``count``, set when searching with count=True.
    count = getattr(found, "count", None)
    return int(count) if count is not None else 0
