"""Enrichment pipeline: pure stages ``Article -> Article`` whose order is checked when built.

Each stage declares the article attributes it ``requires`` and ``assigns``: a field of
``Article`` (``plain_text``) or of its ``Enrichment`` (``enrichment.countries``). Building a
pipeline fails, naming the stage and the attribute, when a name is no real field, or when a stage
needs something no earlier stage assigns and the article does not carry from ingest.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import ClassVar, Protocol

from worldbrief.domain import Article, Enrichment

# What every article has before any stage runs.
INGEST_PROVIDES: frozenset[str] = frozenset(
    {"title", "body", "plain_text", "published_at", "type", "authors", "source", "metadata"}
)
ENRICHMENT_PREFIX = "enrichment."
ARTICLE_FIELDS: frozenset[str] = frozenset(
    f.name for f in dataclasses.fields(Article) if f.name != "enrichment"
)
ENRICHMENT_FIELDS: frozenset[str] = frozenset(
    ENRICHMENT_PREFIX + f.name for f in dataclasses.fields(Enrichment)
)


class Stage(Protocol):
    name: ClassVar[str]
    requires: ClassVar[frozenset[str]]
    assigns: ClassVar[frozenset[str]]

    def __call__(self, article: Article) -> Article: ...


class PipelineOrderError(ValueError):
    """A stage needs what no earlier stage assigns."""


class PipelineDefinitionError(ValueError):
    """A stage declares an attribute that does not exist, or the stage list is malformed."""


def check_attribute(stage: str, role: str, attribute: str) -> None:
    """Raise ``PipelineDefinitionError`` unless ``attribute`` names a real field."""
    if attribute in ARTICLE_FIELDS or attribute in ENRICHMENT_FIELDS:
        return
    if attribute.startswith(ENRICHMENT_PREFIX):
        known = ", ".join(sorted(f.removeprefix(ENRICHMENT_PREFIX) for f in ENRICHMENT_FIELDS))
        raise PipelineDefinitionError(
            f"stage {stage!r} {role} {attribute!r}, which is not a field of Enrichment "
            f"(its fields: {known})"
        )
    raise PipelineDefinitionError(
        f"stage {stage!r} {role} {attribute!r}, which is neither a field of Article nor "
        f"'enrichment.<field>' (Article fields: {', '.join(sorted(ARTICLE_FIELDS))})"
    )


class Pipeline:
    """Stages run in order. ``provided`` is what articles carry before the first stage: what
    ingest gives, or for stored articles also what earlier enrichment assigned."""

    def __init__(self, stages: Sequence[Stage], provided: frozenset[str] = INGEST_PROVIDES) -> None:
        available = set(provided)
        seen: set[str] = set()
        for stage in stages:
            if stage.name in seen:
                raise PipelineDefinitionError(f"stage {stage.name!r} appears twice")
            seen.add(stage.name)
            for attribute in sorted(stage.requires):
                check_attribute(stage.name, "requires", attribute)
            for attribute in sorted(stage.assigns):
                check_attribute(stage.name, "assigns", attribute)
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

    @property
    def assigns(self) -> frozenset[str]:
        return frozenset().union(*(s.assigns for s in self.stages))

    def __call__(self, article: Article) -> Article:
        for stage in self.stages:
            article = stage(article)
        return article

    def run_many(self, articles: Iterable[Article]) -> list[Article]:
        return [self(a) for a in articles]

    def only_for(self, wanted: Iterable[str]) -> Pipeline:
        """The stages needed to assign ``wanted`` attributes, with what they require, in order
        (as spaCy's ``select_pipes``): ``annotate`` skips stages whose output it never shows."""
        needed = set(wanted)
        kept: list[Stage] = []
        for stage in reversed(self.stages):
            if stage.assigns & needed:
                kept.append(stage)
                needed |= stage.requires
        return Pipeline(kept[::-1])

    def select(self, names: Iterable[str]) -> Pipeline:
        """Only the named stages, in pipeline order, to re-run over stored articles (which
        carry what every stage of this pipeline assigned); an unknown name is an error."""
        chosen = list(dict.fromkeys(names))
        unknown = [n for n in chosen if n not in self.names]
        if unknown:
            raise PipelineDefinitionError(
                f"no stage named {unknown[0]!r} in the pipeline (its stages: "
                f"{', '.join(self.names)})"
            )
        stages = [s for s in self.stages if s.name in chosen]
        return Pipeline(stages, provided=INGEST_PROVIDES | self.assigns)
