"""The search index contract. The store is the truth; an index is derived and rebuildable."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from worldbrief.domain import Article
from worldbrief.search.query import SearchQuery, SearchResult


class SearchIndex(Protocol):
    def begin_writing(self) -> None:
        """Take the write lock now; a writer reads ``applied_seq`` only once it holds it."""

    def upsert(self, articles: Iterable[Article]) -> None:
        """Add or replace articles (by id). Visible to searches after ``commit``."""

    def delete(self, article_ids: Iterable[str]) -> None: ...

    def commit(self, applied_seq: int | None = None) -> None:
        """Make pending changes searchable; remember the store change sequence they reach."""

    def applied_seq(self) -> int:
        """The last store change sequence this index reflects (0 when empty)."""

    def search(self, query: SearchQuery) -> SearchResult: ...

    def similar(self, article: Article, limit: int = 10) -> list[tuple[str, float]]:
        """Article ids most similar in text to ``article`` (excluding itself), best first, each
        with a score from 0 to 1: its match as a share of the article's match with itself."""

    def clear(self) -> None: ...

    def close(self) -> None:
        """Release the write lock so another process may write; reopened on the next change."""
