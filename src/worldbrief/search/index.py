"""The search index contract. The store is the truth; an index is derived and rebuildable.

Backends (``search/tantivy/`` today) implement it; services, pages and commands see only this,
the query values of ``query.py`` and the errors of ``errors.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from worldbrief.domain import Article, RejectedRecord
from worldbrief.search.query import SearchQuery, SearchResult


class SearchIndex(Protocol):
    # The articles the last ``upsert`` could not index, each with the reason (the rest went on).
    rejected: list[RejectedRecord]

    def begin_writing(self, bulk: bool = False) -> None:
        """Take the write lock now (``IndexLockedError`` when another writer holds it); a writer
        reads ``applied_seq`` only once it holds it. ``bulk``: a whole rebuild follows, so the
        backend may trade memory for speed until ``close``."""

    def upsert(self, articles: Iterable[Article]) -> None:
        """Add or replace articles (by id). Visible to searches after ``commit``."""

    def delete(self, article_ids: Iterable[str]) -> None: ...

    def commit(self, applied_seq: int | None = None) -> None:
        """Make pending changes searchable; remember the store change sequence they reach."""

    def applied_seq(self) -> int:
        """The last store change sequence this index reflects (0 when empty)."""

    def search(self, query: SearchQuery) -> SearchResult:
        """Raises ``QuerySyntaxError`` naming the problem for any query it cannot run."""

    def similar(self, article: Article, limit: int = 10) -> list[tuple[str, float]]:
        """Article ids most similar in text to ``article`` (excluding itself), best first, each
        with a score from 0 to 1: its match as a share of the article's match with itself."""

    def document_count(self) -> int:
        """How many articles are searchable now."""

    def clear(self) -> None:
        """Remove every article at once (committed) and reset the applied sequence to 0."""

    def close(self) -> None:
        """Release the write lock so another process may write; reopened on the next change."""
