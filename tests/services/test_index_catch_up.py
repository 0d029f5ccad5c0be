"""Catching the index up from the change log when two processes try at once."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from worldbrief.domain import Article
from worldbrief.search.backends import open_search_index
from worldbrief.search.index import SearchIndex
from worldbrief.search.query import SearchQuery, SearchResult
from worldbrief.services.indexing import catch_up, catch_up_if_free
from worldbrief.services.ingest import ingest_sources
from worldbrief.services.platform import Platform
from worldbrief.store import ArticleStore


class _CountingIndex:
    """The real index, counting what it is asked to index; the first time it reads its
    sequence, another process (``rival``) tries to catch up the same index."""

    def __init__(self, index: SearchIndex, store: ArticleStore, rival: SearchIndex) -> None:
        self._index = index
        self.rejected = index.rejected
        self.indexed: list[str] = []
        self.commits: list[int] = []
        self.rival_got_in: bool | None = None
        self._store, self._rival = store, rival

    def applied_seq(self) -> int:
        if self.rival_got_in is None:
            self.rival_got_in = catch_up_if_free(self._store, self._rival)
        return self._index.applied_seq()

    def upsert(self, articles: Iterable[Article]) -> None:
        batch = list(articles)
        self.indexed += [a.id for a in batch]
        self._index.upsert(batch)

    def commit(self, applied_seq: int | None = None) -> None:
        if applied_seq is not None:
            self.commits.append(applied_seq)
        self._index.commit(applied_seq)

    def begin_writing(self, bulk: bool = False) -> None:
        self._index.begin_writing(bulk)

    def delete(self, article_ids: Iterable[str]) -> None:
        self._index.delete(article_ids)

    def search(self, query: SearchQuery) -> SearchResult:
        return self._index.search(query)

    def similar(self, article: Article, limit: int = 10) -> list[tuple[str, float]]:
        return self._index.similar(article, limit)

    def document_count(self) -> int:
        return self._index.document_count()

    def clear(self) -> None:
        self._index.clear()

    def close(self) -> None:
        self._index.close()


def test_catch_up_takes_the_writer_before_reading_the_sequence(
    platform: Platform, tmp_path: Path
) -> None:
    rows = [{"id": f"n{i}", "title": f"Note {i}", "body": f"Exports {i} rose."} for i in range(5)]
    feed = tmp_path / "notes.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    index_dir = platform.settings.index_dir
    blocker = open_search_index(index_dir)
    blocker.begin_writing()  # the ingest leaves its changes to the catch-up below
    report = ingest_sources(platform, [str(feed)])
    blocker.close()

    rival = open_search_index(index_dir)
    mine = _CountingIndex(open_search_index(index_dir), platform.store, rival)
    catch_up(platform.store, mine)

    # The rival found the write lock taken, so nothing was applied twice.
    assert mine.rival_got_in is False
    assert sorted(mine.indexed) == sorted(report.article_ids) and report.created == 5
    assert mine.commits == [platform.store.max_seq()]
    assert open_search_index(index_dir).applied_seq() == platform.store.max_seq()
    rival.close()
    mine.close()
