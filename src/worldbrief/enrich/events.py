"""The events stage: what the article reports happened, where, when and who
(``worldbrief.events``), kept in ``article_events``.

It reads the geotag stage's places for the events' places and, when an entities stage ran
before it, the entities for the actors' ids; it needs neither to run. Dates are read against
the publication time, unless the article says it has none (``annotate`` without
``published_at``), when only dates that carry their year are read.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from worldbrief.domain import Article
from worldbrief.domain.entities import NamedEntity
from worldbrief.enrich.registry import StageContext, register_stage
from worldbrief.events.extract import EventExtractor
from worldbrief.store.stage_tables import StageTablesAt

# Set in an article's metadata by callers whose text has no publication time.
NO_PUBLICATION_TIME = "published_at_unknown"


class EventTagger:
    """Pipeline stage ``events``: assigns ``enrichment.events``, the main event first."""

    name: ClassVar[str] = "events"
    requires: ClassVar[frozenset[str]] = frozenset(
        {"plain_text", "published_at", "metadata", "enrichment.places"}
    )
    assigns: ClassVar[frozenset[str]] = frozenset({"enrichment.events"})

    def __init__(self, extractor: EventExtractor | None = None) -> None:
        self._extractor = extractor or EventExtractor()

    def __call__(self, article: Article) -> Article:
        published = None if article.metadata.get(NO_PUBLICATION_TIME) else article.published_at
        entities: list[NamedEntity] = []
        for entity in article.enrichment.entities:  # an entities stage's output, if one ran
            if isinstance(entity, NamedEntity):
                entities.append(entity)
        text, title = article.plain_text, article.title.strip()
        # An ingested article's text opens with its headline (``plain_text``); annotate's
        # documents are their text alone.
        body_start = len(title) + 2 if title and text.startswith(f"{title}\n\n") else 0
        events = self._extractor.extract(
            text, published, article.enrichment.places, entities, body_start
        )
        return replace(article, enrichment=replace(article.enrichment, events=events))


def _build(_context: StageContext) -> EventTagger:
    return EventTagger()


register_stage(
    EventTagger, _build, tables=StageTablesAt("events", "worldbrief.store.event_rows:EventTables")
)
