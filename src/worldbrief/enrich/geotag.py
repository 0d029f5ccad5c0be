"""The geotag stage: the places an article names, the countries it is about, and their regions.

A thin stage over the geoparser (``worldbrief.geo.geoparse``): the article's plain text is the
title, a blank line and the body, so the title counts as the title when judging focus.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from worldbrief.domain import Article, CountryMention, PlaceMention, RegionMention
from worldbrief.geo.focus import FALLBACK_FOCUS, FOCUS_THRESHOLD
from worldbrief.geo.gazetteer_build import default_gazetteer
from worldbrief.geo.geoparse import StandardGeoparser, default_geoparser
from worldbrief.geo.geoparser import GeoparseRequest, GeoparseResult
from worldbrief.geo.regions import RegionTaxonomy

__all__ = ["FALLBACK_FOCUS", "FOCUS_THRESHOLD", "CountryTagger"]


class CountryTagger:
    """Pipeline stage ``geotag``: assigns ``enrichment.countries``, ``enrichment.regions`` and
    ``enrichment.places`` (offsets into ``Article.plain_text``)."""

    name: ClassVar[str] = "geotag"
    requires: ClassVar[frozenset[str]] = frozenset({"plain_text"})
    assigns: ClassVar[frozenset[str]] = frozenset(
        {"enrichment.countries", "enrichment.regions", "enrichment.places"}
    )

    def __init__(self, taxonomy: RegionTaxonomy | None = None) -> None:
        default = RegionTaxonomy.load_default()
        self.taxonomy = taxonomy or default
        if self.taxonomy is default:
            self._geoparser = default_geoparser()
        else:
            self._geoparser = StandardGeoparser(default_gazetteer(), self.taxonomy)

    def __call__(self, article: Article) -> Article:
        text, title = article.plain_text, article.title.strip()
        body_start = len(title) + 2 if title and text.startswith(title) else 0
        result = self._geoparser.geoparse(GeoparseRequest(text, body_start=body_start))
        places = tuple(p for p in result.places if p is not None)
        enrichment = replace(
            article.enrichment, countries=result.countries, regions=result.regions, places=places
        )
        return replace(article, enrichment=enrichment)

    def tag_text(
        self, text: str, title: str | None = None
    ) -> tuple[tuple[CountryMention, ...], tuple[RegionMention, ...]]:
        """Tag a body without an Article. With a title, spans are offsets into
        ``title + "\\n\\n" + text``, the way ``Article.plain_text`` is composed."""
        result = self.geoparse_text(text, title)
        return result.countries, result.regions

    def places(self, text: str, title: str | None = None) -> tuple[PlaceMention, ...]:
        """The places of a body, offsets as in ``tag_text``."""
        return tuple(p for p in self.geoparse_text(text, title).places if p is not None)

    def geoparse_text(self, text: str, title: str | None = None) -> GeoparseResult:
        if title:
            return self._geoparser.geoparse(
                GeoparseRequest(f"{title}\n\n{text}", body_start=len(title) + 2)
            )
        return self._geoparser.geoparse(GeoparseRequest(text))
