"""The geotag stage: the places an article names, the countries it is about, and their regions.

A thin stage over the geoparser (``worldbrief.geo.geoparse``): the article's plain text is the
title, a blank line and the body, so the title counts as the title when judging focus.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import ClassVar

from worldbrief.domain import Article, CountryMention, PlaceMention, RegionMention
from worldbrief.enrich.registry import StageContext, register_stage
from worldbrief.geo.focus import FALLBACK_FOCUS, FOCUS_THRESHOLD
from worldbrief.geo.gazetteer_build import default_gazetteer
from worldbrief.geo.geoparse import StandardGeoparser, default_geoparser
from worldbrief.geo.geoparser import Geoparser, GeoparseRequest, GeoparseResult
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

    def __init__(
        self, taxonomy: RegionTaxonomy | None = None, geoparser: Geoparser | None = None
    ) -> None:
        self.taxonomy = taxonomy or RegionTaxonomy.load_default()
        self._geoparser = geoparser or _geoparser_for(self.taxonomy)

    def __call__(self, article: Article) -> Article:
        """The title counts as the title: as the start of ``plain_text`` (an ingested article),
        or as context only when the text does not begin with it (``annotate``'s documents,
        whose offsets are into their text alone)."""
        text, title = article.plain_text, article.title.strip()
        if title and text.startswith(f"{title}\n\n"):
            request = GeoparseRequest(text, body_start=len(title) + 2)
        else:
            request = GeoparseRequest(text, title=title or None)
        result = self._geoparser.geoparse(request)
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

    def geoparse(self, request: GeoparseRequest) -> GeoparseResult:
        """The geoparser itself, for requests no article carries (``annotate``'s gold spans)."""
        return self._geoparser.geoparse(request)

    def geoparse_text(self, text: str, title: str | None = None) -> GeoparseResult:
        if title:
            return self._geoparser.geoparse(
                GeoparseRequest(f"{title}\n\n{text}", body_start=len(title) + 2)
            )
        return self._geoparser.geoparse(GeoparseRequest(text))


@cache
def _geoparser_for(taxonomy: RegionTaxonomy) -> Geoparser:
    """One geoparser per taxonomy and process: the gazetteer is the heavy part."""
    if taxonomy is RegionTaxonomy.load_default():
        return default_geoparser()
    return StandardGeoparser(default_gazetteer(), taxonomy)


def _build(context: StageContext) -> CountryTagger:
    return CountryTagger(context.taxonomy)


register_stage(CountryTagger, _build)
