"""The entities stage: organisations, armed groups, parties, state forces and people.

A thin stage over ``worldbrief.actors``. It runs after ``geotag``: the countries the text names
give context to ambiguous aliases ("RSF" beside Sudan), and a place named in full keeps its name
from being read as a person's ("Abu Dhabi" begins with a given name). An organisation's name
says where it is ("Toronto" in "Toronto Police", "Bangladesh" in "Bangladesh Police"), so those
places and their countries stay; a person's name says nothing of a place ("Paris" in "Paris
Hilton"): the places inside it go, and so does the country evidence, a country left without any
goes with it, and the primary country and the regions follow the focus countries left. Entities are
stored in their own tables (``store.entity_tables``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from worldbrief.actors.recognize import EntityRecognizer, default_recognizer
from worldbrief.domain import Article, CountryMention, Enrichment, EntityType, RegionMention
from worldbrief.domain.entities import NamedEntity, learned_entity_id
from worldbrief.enrich.registry import StageContext, register_stage
from worldbrief.geo.regions import RegionTaxonomy
from worldbrief.store.stage_tables import StageTablesAt


class EntityStage:
    """Pipeline stage ``entities``: assigns ``enrichment.entities``, drops the places and the
    country evidence that lie inside a person's name."""

    name: ClassVar[str] = "entities"
    requires: ClassVar[frozenset[str]] = frozenset(
        {"plain_text", "enrichment.countries", "enrichment.places"}
    )
    assigns: ClassVar[frozenset[str]] = frozenset(
        {"enrichment.entities", "enrichment.places", "enrichment.countries", "enrichment.regions"}
    )

    def __init__(
        self, recognizer: EntityRecognizer | None = None, taxonomy: RegionTaxonomy | None = None
    ) -> None:
        self._recognizer = recognizer or default_recognizer()
        self._taxonomy = taxonomy or RegionTaxonomy.load_default()

    def __call__(self, article: Article) -> Article:
        enrichment = article.enrichment
        named = {c.code for c in enrichment.countries}
        found_places = [(p.start, p.end) for p in enrichment.places]
        entities = self._recognizer.recognize(article.plain_text, named, found_places)
        entities = self._named_beyond_a_headline(entities, article.title, article.plain_text)
        # Only people: measured end to end, dropping the places inside every entity's name cost
        # GeoWebNews 5 points of recall and acc@161 for 0.7 of precision (docs/actors.md).
        people = sorted(
            (s.start, s.end) for e in entities if e.type is EntityType.PERSON for s in e.mentions
        )
        places = tuple(
            p for p in enrichment.places if not any(s < p.end and p.start < e for s, e in people)
        )
        enrichment = replace(enrichment, entities=entities, places=places)
        return replace(article, enrichment=self._without_people(enrichment, entities))

    def _named_beyond_a_headline(
        self, entities: tuple[NamedEntity, ...], title: str, text: str
    ) -> tuple[NamedEntity, ...]:
        """A name learned from the text (neither curated nor an institution) that only a
        headline-cased title holds is the headline's capitals, not a name ("the Cost of a Frozen
        Front", "Coast Guard Standoffs Multiply"): it needs a mention in the body too. Only where
        the text begins with the title, as a stored article's does (``compose_plain_text``); a
        text annotated with a title apart from it is left as it is."""
        heading = title.strip()
        if not heading or not text.startswith(f"{heading}\n\n") or not _headline_cased(heading):
            return entities
        end = len(heading)
        catalog = self._recognizer.catalog
        return tuple(
            e
            for e in entities
            if e.id != learned_entity_id(e.name)
            or catalog.get(e.id) is not None
            or any(s.start >= end for s in e.mentions)
        )

    def _without_people(
        self, enrichment: Enrichment, entities: tuple[NamedEntity, ...]
    ) -> Enrichment:
        people = [
            (s.start, s.end) for e in entities if e.type is EntityType.PERSON for s in e.mentions
        ]
        if not people:
            return enrichment
        countries: list[CountryMention] = []
        for country in enrichment.countries:
            evidence = tuple(
                span
                for span in country.evidence
                if not any(s <= span.start and span.end <= e for s, e in people)
            )
            if evidence == country.evidence:
                countries.append(country)
            elif evidence:  # other mentions still speak for it
                countries.append(replace(country, evidence=evidence))
        if len(countries) == len(enrichment.countries):
            return replace(enrichment, countries=tuple(countries))
        focus = [c for c in countries if c.focus]  # still in rank order: the first is primary
        countries = [replace(c, primary=bool(focus) and c is focus[0]) for c in countries]
        regions: dict[str, RegionMention] = {}
        for country in focus:
            for region in self._taxonomy.regions_for(country.code):
                regions.setdefault(region.id, RegionMention(region.id, region.name))
        return replace(enrichment, countries=tuple(countries), regions=tuple(regions.values()))


def _headline_cased(title: str) -> bool:
    """Most words of four letters or more capitalised, as English headlines are written."""
    words = [w for w in title.split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _build(context: StageContext) -> EntityStage:
    return EntityStage(taxonomy=context.taxonomy)


register_stage(
    EntityStage,
    _build,
    tables=StageTablesAt("entities", "worldbrief.store.entity_tables:EntityTables"),
)
