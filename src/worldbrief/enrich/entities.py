"""The entities stage: organisations, armed groups, parties, state forces and people.

A thin stage over ``worldbrief.actors``. It runs after ``geotag``: the countries the text names
give context to ambiguous aliases ("RSF" beside Sudan), and a place the geoparser found inside
an entity's name ("Uzbekistan" in "Islamic Movement of Uzbekistan", "Paris" in "Paris Hilton")
is no place mention of its own. The countries keep their evidence. Entities are stored in their
own tables (``store.entity_tables``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from worldbrief.actors.recognize import EntityRecognizer, default_recognizer
from worldbrief.domain import Article
from worldbrief.enrich.registry import StageContext, register_stage
from worldbrief.store.entity_tables import EntityTables


class EntityStage:
    """Pipeline stage ``entities``: assigns ``enrichment.entities`` and drops the places that
    lie inside an entity's mention."""

    name: ClassVar[str] = "entities"
    requires: ClassVar[frozenset[str]] = frozenset(
        {"plain_text", "enrichment.countries", "enrichment.places"}
    )
    assigns: ClassVar[frozenset[str]] = frozenset({"enrichment.entities", "enrichment.places"})

    def __init__(self, recognizer: EntityRecognizer | None = None) -> None:
        self._recognizer = recognizer or default_recognizer()

    def __call__(self, article: Article) -> Article:
        enrichment = article.enrichment
        named = {c.code for c in enrichment.countries}
        entities = self._recognizer.recognize(article.plain_text, named)
        spans = sorted((s.start, s.end) for e in entities for s in e.mentions)
        places = tuple(
            p for p in enrichment.places if not any(s < p.end and p.start < e for s, e in spans)
        )
        return replace(article, enrichment=replace(enrichment, entities=entities, places=places))


def _build(_context: StageContext) -> EntityStage:
    return EntityStage()


register_stage(EntityStage, _build, tables=EntityTables())
