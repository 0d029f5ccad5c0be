"""The running platform: settings plus the store, search index, taxonomy and pipeline they imply.

Built once per process (CLI command or web app); use cases receive it instead of building parts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from worldbrief.config import Settings
from worldbrief.enrich.fingerprint import Fingerprint
from worldbrief.enrich.geotag import CountryTagger
from worldbrief.enrich.language import LanguageDetector
from worldbrief.enrich.pipeline import Pipeline
from worldbrief.enrich.reading_time import ReadingTime
from worldbrief.geo.regions import RegionTaxonomy
from worldbrief.search.tantivy_index import TantivyIndex
from worldbrief.store import ArticleStore, open_store


@dataclass
class Platform:
    settings: Settings
    store: ArticleStore
    index: TantivyIndex
    taxonomy: RegionTaxonomy
    _pipeline: Pipeline | None = field(default=None, repr=False)

    @cached_property
    def pipeline(self) -> Pipeline:
        return self._pipeline or default_pipeline(self.taxonomy)

    def close(self) -> None:
        self.index.close()
        self.store.close()


def default_pipeline(taxonomy: RegionTaxonomy) -> Pipeline:
    return Pipeline([ReadingTime(), LanguageDetector(), CountryTagger(taxonomy), Fingerprint()])


def load_taxonomy(settings: Settings) -> RegionTaxonomy:
    if settings.regions_file is not None:
        return RegionTaxonomy.load(settings.regions_file)
    return RegionTaxonomy.load_default()


def open_platform(settings: Settings | None = None) -> Platform:
    """Open (and migrate) the store and the index in the configured data directory."""
    settings = settings or Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = open_store(settings.resolved_database_url)
    index = TantivyIndex(settings.index_dir)
    return Platform(settings=settings, store=store, index=index, taxonomy=load_taxonomy(settings))
