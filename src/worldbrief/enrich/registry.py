"""The stage registry: every enrichment stage registers itself by name, and pipelines are built
from a list of names (``WORLDBRIEF_ENRICH_STAGES``).

A stage module defines its stage class and calls ``register_stage`` at import. Built-in stages
are the modules of ``BUILTIN_STAGE_MODULES``; an installed package adds stages by naming its
module under the entry-point group ``worldbrief.enrich_stages``. A factory builds a stage once per
process, so a heavy model loads once per worker. Why it is shaped so:
``docs/decisions/0007-enrichment-pipeline.md``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any

from worldbrief.config import Settings
from worldbrief.domain import Article
from worldbrief.enrich.pipeline import (
    ENRICHMENT_PREFIX,
    Pipeline,
    PipelineDefinitionError,
    Stage,
    check_attribute,
)
from worldbrief.geo.regions import RegionTaxonomy
from worldbrief.store.stage_tables import (
    StageTables,
    StageTablesAt,
    register_stage_tables,
    unregister_stage_tables,
)

BUILTIN_STAGE_MODULES = (
    "worldbrief.enrich.reading_time",
    "worldbrief.enrich.language",
    "worldbrief.enrich.geotag",
    "worldbrief.enrich.entities",
    "worldbrief.enrich.events",
    "worldbrief.enrich.fingerprint",
)
ENTRY_POINT_GROUP = "worldbrief.enrich_stages"


@dataclass(frozen=True, slots=True)
class StageContext:
    """What a factory may use to build its stage."""

    settings: Settings
    taxonomy: RegionTaxonomy


StageFactory = Callable[[StageContext], Stage]


@dataclass(frozen=True, slots=True)
class StageSpec:
    name: str
    requires: frozenset[str]
    assigns: frozenset[str]
    factory: StageFactory
    tables: StageTables | StageTablesAt | None = None


_STAGES: dict[str, StageSpec] = {}
_loaded = False


def register_stage(
    kind: type[Any],
    factory: StageFactory | None = None,
    *,
    tables: StageTables | StageTablesAt | None = None,
) -> StageSpec:
    """Register the stage class ``kind`` (with ``name``, ``requires`` and ``assigns``) under
    its name. ``factory`` builds it from the context (default: ``kind()``); ``tables`` keeps
    one of the fields it assigns in tables of its own (a ``StageTablesAt`` names them, to be
    imported only when a store needs them)."""
    name, requires, assigns = kind.name, frozenset(kind.requires), frozenset(kind.assigns)
    for attribute in sorted(requires):
        check_attribute(name, "requires", attribute)
    for attribute in sorted(assigns):
        check_attribute(name, "assigns", attribute)
    if tables is not None and ENRICHMENT_PREFIX + tables.field not in assigns:
        raise PipelineDefinitionError(
            f"stage {name!r} stores {tables.field!r} in its tables but does not assign "
            f"'{ENRICHMENT_PREFIX}{tables.field}'"
        )
    spec = StageSpec(name, requires, assigns, factory or (lambda _context: kind()), tables)
    _STAGES[name] = spec
    if tables is not None:
        register_stage_tables(tables)
    return spec


def unregister_stage(name: str) -> None:
    """Forget a stage (tests register stages of their own)."""
    spec = _STAGES.pop(name, None)
    if spec is not None and spec.tables is not None:
        unregister_stage_tables(spec.tables.field)


def load_stage_modules() -> None:
    """Import the built-in stage modules and those of installed packages, once."""
    global _loaded
    if _loaded:
        return
    for module in BUILTIN_STAGE_MODULES:
        importlib.import_module(module)
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            entry.load()
        except Exception as error:
            raise PipelineDefinitionError(
                f"cannot load enrichment stages of {entry.name!r} ({entry.value}): {error}"
            ) from error
    _loaded = True


def registered_stages() -> dict[str, StageSpec]:
    load_stage_modules()
    return dict(_STAGES)


def build_pipeline(
    names: Sequence[str], context: StageContext, instances: Mapping[str, Stage] | None = None
) -> Pipeline:
    """The pipeline of the stages ``names``, in that order, each built by its factory unless
    ``instances`` already holds it. Raises ``PipelineDefinitionError`` or
    ``PipelineOrderError`` naming the stage at fault."""
    stages = registered_stages()
    built: list[Stage] = []
    for name in names:
        if instances is not None and name in instances:
            built.append(instances[name])
            continue
        spec = stages.get(name)
        if spec is None:
            raise PipelineDefinitionError(
                f"unknown enrichment stage {name!r} in WORLDBRIEF_ENRICH_STAGES "
                f"(registered: {', '.join(sorted(stages))})"
            )
        built.append(spec.factory(context))
    return Pipeline(built)


def check_stages(names: Sequence[str], rerun: Sequence[str] | None = None) -> None:
    """Check the stage list ``names`` (and the stages of it to ``rerun``) as ``build_pipeline``
    would, without building any stage: no model loads in a process that only dispatches."""
    stages = registered_stages()
    declared: list[Stage] = []
    for name in names:
        spec = stages.get(name)
        if spec is None:
            raise PipelineDefinitionError(
                f"unknown enrichment stage {name!r} in WORLDBRIEF_ENRICH_STAGES "
                f"(registered: {', '.join(sorted(stages))})"
            )
        declared.append(_declared(spec))
    pipeline = Pipeline(declared)
    if rerun is not None:
        pipeline.select(rerun)


def _declared(spec: StageSpec) -> Stage:
    def refuse(_self: object, _article: Article) -> Article:
        raise RuntimeError(f"stage {spec.name!r} was only declared, not built")

    body = {"name": spec.name, "requires": spec.requires, "assigns": spec.assigns}
    kind: type[Any] = type(f"Declared_{spec.name}", (), {**body, "__call__": refuse})
    stage: Stage = kind()
    return stage


def configured_pipeline(settings: Settings, taxonomy: RegionTaxonomy) -> Pipeline:
    """The pipeline ``settings`` names."""
    return build_pipeline(settings.enrich_stage_names, StageContext(settings, taxonomy))
