"""The hook through which an enrichment stage keeps its output in tables of its own.

A stage that assigns, say, ``enrichment.events`` registers a ``StageTables`` for that field (see
``worldbrief.enrich.registry.register_stage``). The store then writes the stage's rows with the
article, in the same transaction, replaces them when the article is updated, reads them back
into the field, and counts them in the article's fingerprint (so a change in that output alone
is an update, logged and indexed). Each table needs an ``article_id`` column referencing
``articles.id`` with ``ON DELETE CASCADE``, created by a migration like every other table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.domain import Article

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


_REGISTERED: dict[str, StageTables] = {}


def register_stage_tables(stage_tables: StageTables) -> None:
    """Make the store keep ``stage_tables.field`` in its tables (replacing an earlier
    registration of the same field)."""
    for table in stage_tables.tables:
        if "article_id" not in table.c:
            raise ValueError(f"table {table.name!r} of {stage_tables.field!r} has no article_id")
    _REGISTERED[stage_tables.field] = stage_tables


def unregister_stage_tables(field: str) -> None:
    _REGISTERED.pop(field, None)


def registered_stage_tables() -> list[StageTables]:
    """In registration order, which is the order their rows enter the fingerprint."""
    return list(_REGISTERED.values())
