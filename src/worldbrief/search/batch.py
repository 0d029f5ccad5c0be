"""Saved searches run against a batch of articles only (the alert pass's new articles), with
the syntax and filters of search; the engine is chosen by ``search.backends``."""

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
    from worldbrief.search.backends import open_batch_matcher  # the factory imports this module

    return open_batch_matcher(articles)


def check_query(query: SearchQuery) -> None:
    """Raise ``QuerySyntaxError`` naming the problem when ``query`` cannot run."""
    batch_matcher(()).matching_ids(query)
