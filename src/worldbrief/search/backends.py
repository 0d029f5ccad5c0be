"""The one place that chooses and builds a search backend; callers see only ``SearchIndex``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from worldbrief.domain import Article
from worldbrief.search.batch import BatchMatcher
from worldbrief.search.index import SearchIndex
from worldbrief.search.tantivy.batch import TantivyBatchIndex
from worldbrief.search.tantivy.index import TantivyIndex

DEFAULT_BACKEND = "tantivy"
# Every backend the contract tests run against (tests/contract/search); a new engine joins here.
SEARCH_BACKENDS: tuple[str, ...] = ("tantivy",)


def open_search_index(location: Path, backend: str = DEFAULT_BACKEND) -> SearchIndex:
    """Open (or create) the index of ``backend`` at ``location`` (the index directory; a
    cluster backend would derive its index name from it)."""
    if backend == "tantivy":
        return TantivyIndex(location)
    known = ", ".join(SEARCH_BACKENDS)
    raise ValueError(f"search backend {backend!r} is not one of: {known}")


def open_batch_matcher(articles: Sequence[Article]) -> BatchMatcher:
    """Saved searches over ``articles`` alone (the alert pass's new articles), with the
    default backend's analysis and query syntax."""
    return TantivyBatchIndex(articles)
