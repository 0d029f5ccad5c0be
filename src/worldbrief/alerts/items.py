"""New articles and events as the alert pass sees them: the terms each can be followed by.

An article is followed by what it is about: its focus countries and their regions, the
divisions of the places it names in them, the entities it names, its authors and its type.
An event by its place (country, regions, division), the entities among its actors, its type
and subtype, and, for authors, article types and saved searches, by the article that brought
it in this pass (its report).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from worldbrief.alerts.terms import Terms, author_key, division_key
from worldbrief.domain import Article
from worldbrief.domain.linked_events import LinkedEvent
from worldbrief.domain.watchlists import AlertKind, Facet
from worldbrief.geo.regions import RegionTaxonomy


@dataclass(frozen=True, slots=True)
class AlertItem:
    kind: AlertKind
    item_id: str
    article_id: str  # the article itself, or the report that brought the event
    seq: int  # the change that brought the article
    published_at: datetime
    terms: Terms


def article_item(article: Article, seq: int, taxonomy: RegionTaxonomy) -> AlertItem:
    focus = [c.code.upper() for c in article.enrichment.focus_countries]
    divisions = {
        division_key(p.country, p.admin1)
        for p in article.enrichment.places
        if p.admin1 and p.country.upper() in focus
    }
    terms: Terms = {
        Facet.COUNTRY: frozenset(focus),
        Facet.REGION: _regions(focus, taxonomy) | {r.id for r in article.enrichment.regions},
        Facet.DIVISION: frozenset(divisions),
        Facet.ACTOR: frozenset(e.id for e in article.enrichment.entities),
        **_report_terms(article),
    }
    return AlertItem(AlertKind.ARTICLE, article.id, article.id, seq, article.published_at, terms)


def event_item(
    event: LinkedEvent, report: Article, seq: int, taxonomy: RegionTaxonomy
) -> AlertItem:
    countries = [event.country.upper()] if event.country else []
    terms: Terms = {
        Facet.COUNTRY: frozenset(countries),
        Facet.REGION: _regions(countries, taxonomy),
        Facet.DIVISION: frozenset(
            [division_key(event.country, event.admin1)] if event.country and event.admin1 else []
        ),
        Facet.ACTOR: frozenset(p.entity_id for p in event.actors if p.entity_id),
        Facet.EVENT_TYPE: frozenset([event.type]),
        Facet.EVENT_SUBTYPE: frozenset([event.subtype]),
        **_report_terms(report),
    }
    return AlertItem(AlertKind.EVENT, event.id, report.id, seq, report.published_at, terms)


def _report_terms(article: Article) -> Terms:
    return {
        Facet.AUTHOR: frozenset(author_key(a.name) for a in article.authors if a.name.strip()),
        Facet.ARTICLE_TYPE: frozenset([article.type.value]),
    }


def _regions(countries: list[str], taxonomy: RegionTaxonomy) -> frozenset[str]:
    found: set[str] = set()
    for code in countries:
        if taxonomy.find_country(code) is not None:
            found.update(r.id for r in taxonomy.regions_for(code))
    return frozenset(found)
