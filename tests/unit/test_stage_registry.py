"""The stage registry: stages by name, declarations checked against the real fields."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import pytest

from worldbrief.config import Settings
from worldbrief.domain import Article
from worldbrief.enrich.pipeline import Pipeline, PipelineDefinitionError, PipelineOrderError
from worldbrief.enrich.registry import (
    StageContext,
    build_pipeline,
    check_stages,
    register_stage,
    registered_stages,
    unregister_stage,
)
from worldbrief.geo.regions import RegionTaxonomy
from worldbrief.services.platform import default_pipeline


def _context() -> StageContext:
    return StageContext(Settings(), RegionTaxonomy.load_default())


class Misspelt:
    name: ClassVar[str] = "misspelt"
    requires: ClassVar[frozenset[str]] = frozenset({"plain_text"})
    assigns: ClassVar[frozenset[str]] = frozenset({"enrichment.evnets"})

    def __call__(self, article: Article) -> Article:
        return article


class NeedsPlaces:
    name: ClassVar[str] = "needs_places"
    requires: ClassVar[frozenset[str]] = frozenset({"enrichment.places"})
    assigns: ClassVar[frozenset[str]] = frozenset({"enrichment.entities"})

    def __call__(self, article: Article) -> Article:
        return article


@pytest.fixture
def needs_places() -> Iterator[None]:
    register_stage(NeedsPlaces)
    yield
    unregister_stage(NeedsPlaces.name)


def test_the_built_in_stages_register_themselves_by_name() -> None:
    assert {"reading_time", "language", "geotag", "fingerprint"} <= set(registered_stages())
    assert default_pipeline(RegionTaxonomy.load_default()).names == [
        "reading_time",
        "language",
        "geotag",
        "entities",
        "events",
        "fingerprint",
    ]


def test_a_field_that_does_not_exist_is_named_with_its_stage() -> None:
    with pytest.raises(PipelineDefinitionError) as error:
        Pipeline([Misspelt()])
    message = str(error.value)
    assert "'misspelt'" in message and "'enrichment.evnets'" in message
    assert "not a field of Enrichment" in message and "countries" in message
    with pytest.raises(PipelineDefinitionError, match="misspelt"):
        register_stage(Misspelt)


def test_an_unknown_stage_name_is_refused_naming_it() -> None:
    with pytest.raises(PipelineDefinitionError, match="unknown enrichment stage 'geotags'"):
        build_pipeline(["reading_time", "geotags"], _context())
    with pytest.raises(PipelineDefinitionError, match="'geotags'"):
        check_stages(["reading_time", "geotags"])


def test_order_is_checked_when_built(needs_places: None) -> None:
    with pytest.raises(PipelineOrderError, match="needs_places"):
        check_stages(["needs_places", "geotag"])
    check_stages(["geotag", "needs_places"])


def test_a_stage_may_be_run_again_alone_over_what_is_stored(needs_places: None) -> None:
    check_stages(["geotag", "needs_places"], rerun=["needs_places"])
    with pytest.raises(PipelineDefinitionError, match="'language'"):
        check_stages(["geotag", "needs_places"], rerun=["language"])


def test_only_for_keeps_the_stages_a_result_needs(needs_places: None) -> None:
    pipeline = build_pipeline(["reading_time", "language", "geotag", "needs_places"], _context())
    assert pipeline.only_for({"enrichment.entities"}).names == ["geotag", "needs_places"]
    assert pipeline.only_for({"enrichment.language"}).names == ["language"]


def test_the_stage_list_setting_is_names_separated_by_commas() -> None:
    settings = Settings(enrich_stages=" reading_time, geotag ")
    assert settings.enrich_stage_names == ("reading_time", "geotag")
    with pytest.raises(ValueError, match="empty stage name"):
        Settings(enrich_stages="reading_time,,geotag")
