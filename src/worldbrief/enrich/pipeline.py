"""Enrichment pipeline: pure stages ``Article -> Article`` whose order is checked when built.

Each stage declares the article attributes it ``requires`` and ``assigns`` (dotted names such as
``enrichment.countries``). Building a pipeline fails if a stage needs something no earlier stage
assigns and the article does not carry from ingest.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar, Protocol

from worldbrief.domain import Article

# What every article has before any stage runs.
INGEST_PROVIDES: frozenset[str] = frozenset(
    {"title", "body", "plain_text", "published_at", "type", "authors", "source", "metadata"}
)


class Stage(Protocol):
    name: ClassVar[str]
    requires: ClassVar[frozenset[str]]
    assigns: ClassVar[frozenset[str]]

    def __call__(self, article: Article) -> Article: ...


class PipelineOrderError(ValueError):
    pass


class Pipeline:
    def __init__(self, stages: Sequence[Stage]) -> None:
        available = set(INGEST_PROVIDES)
        for stage in stages:
            missing = stage.requires - available
            if missing:
                raise PipelineOrderError(
                    f"stage {stage.name!r} requires {sorted(missing)}, "
                    "which no earlier stage assigns"
                )
            available |= stage.assigns
        self.stages: tuple[Stage, ...] = tuple(stages)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, article: Article) -> Article:
        for stage in self.stages:
            article = stage(article)
        return article

    def run_many(self, articles: Iterable[Article]) -> list[Article]:
        return [self(a) for a in articles]
