"""The hook through which an enrichment stage keeps its output in tables of its own.

A stage that assigns, say, ``enrichment.events`` registers a ``StageTables`` for that field (see
``worldbrief.enrich.registry.register_stage``). The store then writes the stage's rows with the
article, in the same transaction, replaces them when the article is updated, reads them back
into the field, and counts them in the article's fingerprint (so a change in that output alone
is an update, logged and indexed). Each table needs an ``article_id`` column referencing
``articles.id`` with ``ON DELETE CASCADE``, created by a migration like every other table.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from worldbrief.domain import Article

if TYPE_CHECKING:  # types only: a stage used without a store must not load the database layer
    import sqlalchemy as sa
    from sqlalchemy.engine import Connection

Row = dict[str, Any]


class StageTables(Protocol):
    @property
    def field(self) -> str:
        """The ``Enrichment`` field stored, without the ``enrichment.`` prefix."""

    @property
    def tables(self) -> Sequence[sa.Table]:
        """The tables written, each with an ``article_id`` column."""

    def rows(self, article: Article) -> Mapping[str, list[Row]]:
        """The rows of ``article``'s output, by table name (``article_id`` set in each)."""

    def value(self, rows: Mapping[str, Sequence[Mapping[Any, Any]]]) -> object:
        """The field's value rebuilt from one article's rows (by table name, in primary-key
        order; a table without rows is absent)."""


@runtime_checkable
class StageCatalog(Protocol):
    """Stage tables that also keep rows shared by every article (a catalog of the entities
    articles name, say): called after the stage's rows of a batch are written, in the same
    transaction."""

    def write_catalog(self, conn: Connection, rows: Mapping[str, Sequence[Row]]) -> None:
        """Take in ``rows``, the stage's rows just written, by table name."""


@runtime_checkable
class StageLinks(Protocol):
    """Stage tables whose rows point at rows shared across articles (one event reported by
    several articles): linked before they are inserted, unlinked before they are deleted (the
    article re-written or deleted), in the same transaction."""

    def link(self, conn: Connection, rows: Mapping[str, Sequence[Row]]) -> None:
        """Set the links of ``rows`` (by table name, about to be inserted) in place."""

    def unlink(self, conn: Connection, article_ids: Sequence[str]) -> None:
        """Delete the stage rows of ``article_ids`` and whatever only they kept alive."""


@dataclass(frozen=True, slots=True)
class StageTablesAt:
    """Stage tables named by where they live (``"module:attribute"``, a class built without
    arguments or an instance), imported the first time the store needs them: a stage run
    without a store (``worldbrief annotate``) then never loads SQLAlchemy and the tables."""

    field: str
    target: str

    def load(self) -> StageTables:
        module, _, attribute = self.target.partition(":")
        found = getattr(importlib.import_module(module), attribute)
        loaded: StageTables = found() if isinstance(found, type) else found
        if loaded.field != self.field:
            raise ValueError(f"{self.target} keeps {loaded.field!r}, not {self.field!r}")
        return loaded


_REGISTERED: dict[str, StageTables | StageTablesAt] = {}


def register_stage_tables(stage_tables: StageTables | StageTablesAt) -> None:
    """Make the store keep ``stage_tables.field`` in its tables (replacing an earlier
    registration of the same field)."""
    if not isinstance(stage_tables, StageTablesAt):
        _check(stage_tables)
    _REGISTERED[stage_tables.field] = stage_tables


def _check(stage_tables: StageTables) -> None:
    for table in stage_tables.tables:
        if "article_id" not in table.c:
            raise ValueError(f"table {table.name!r} of {stage_tables.field!r} has no article_id")


def unregister_stage_tables(field: str) -> None:
    _REGISTERED.pop(field, None)


def registered_stage_tables() -> list[StageTables]:
    """In registration order, which is the order their rows enter the fingerprint."""
    for field, registered in list(_REGISTERED.items()):
        if isinstance(registered, StageTablesAt):
            loaded = registered.load()
            _check(loaded)
            _REGISTERED[field] = loaded  # same key: keeps its place in the order
    return [t for t in _REGISTERED.values() if not isinstance(t, StageTablesAt)]
