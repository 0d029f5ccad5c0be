"""Saved searches run against a batch of articles only (the alert pass's new articles), with
the syntax and filters of search. The one place that picks the engine for it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from worldbrief.domain import Article
from worldbrief.search.query import SearchQuery


class BatchMatcher(Protocol):
    def matching_ids(self, query: SearchQuery) -> set[str]:
        """Ids of the batch's articles ``query`` matches; ``QuerySyntaxError`` when it cannot
        run."""


def batch_matcher(articles: Sequence[Article]) -> BatchMatcher:
    from worldbrief.search.tantivy.batch import TantivyBatchIndex

    return TantivyBatchIndex(articles)


def check_query(query: SearchQuery) -> None:
    """Raise ``QuerySyntaxError`` naming the problem when ``query`` cannot run."""
    batch_matcher(()).matching_ids(query)
