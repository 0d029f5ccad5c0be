"""The running platform: settings plus the store, search index, taxonomy and pipeline they imply.

Built once per process (CLI command or web app); use cases receive it instead of building parts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from worldbrief.config import Settings
from worldbrief.enrich.pipeline import Pipeline
from worldbrief.enrich.registry import configured_pipeline, load_stage_modules
from worldbrief.geo.regions import RegionTaxonomy
from worldbrief.search.backends import open_search_index
from worldbrief.search.index import SearchIndex
from worldbrief.store import ArticleStore, open_store
from worldbrief.store.site_reads import SiteReads, open_site_reads


@dataclass
class Platform:
    settings: Settings
    store: ArticleStore
    index: SearchIndex
    taxonomy: RegionTaxonomy
    _pipeline: Pipeline | None = field(default=None, repr=False)
    _site_reads: SiteReads | None = field(default=None, repr=False)

    @cached_property
    def site_reads(self) -> SiteReads:
        """The reader surfaces' reads: on a replica when one is configured, else on ``store``
        (which every write and every read that must be fresh uses)."""
        return self._site_reads or SiteReads(self.store, self.store)

    @cached_property
    def pipeline(self) -> Pipeline:
        """Built on first use: the geotag stage loads the gazetteer, which an ingest that
        enriches on worker processes never needs in this one."""
        return self._pipeline or configured_pipeline(self.settings, self.taxonomy)

    def close(self) -> None:
        self.index.close()
        self.site_reads.close()
        self.store.close()


def default_pipeline(taxonomy: RegionTaxonomy) -> Pipeline:
    """The default stage list over ``taxonomy``."""
    return configured_pipeline(Settings(enrich_stages=DEFAULT_STAGES), taxonomy)


DEFAULT_STAGES = str(Settings.model_fields["enrich_stages"].default)


def load_taxonomy(settings: Settings) -> RegionTaxonomy:
    if settings.regions_file is not None:
        return RegionTaxonomy.load(settings.regions_file)
    return RegionTaxonomy.load_default()


def open_platform(settings: Settings | None = None) -> Platform:
    """Open (and migrate) the store and the index in the configured data directory."""
    settings = settings or Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    load_stage_modules()  # before the store: a stage may keep its output in tables of its own
    store = open_store(settings.resolved_database_url)
    index = open_search_index(settings.index_dir)
    return Platform(
        settings=settings,
        store=store,
        index=index,
        taxonomy=load_taxonomy(settings),
        _site_reads=open_site_reads(store, settings.read_database_urls),
    )
