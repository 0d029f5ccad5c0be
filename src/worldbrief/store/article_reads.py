"""Loading whole articles (row plus authors, countries and regions) for a set of ids."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping

from worldbrief.domain import Article
from worldbrief.store.article_codec import decode_article
from worldbrief.store.schema import (
    article_authors,
    article_countries,
    article_regions,
    articles,
    near_duplicate_keys,
)
from worldbrief.store.stage_tables import registered_stage_tables

CHUNK = 500
_ARTICLE_COLUMNS = [c for c in articles.columns if c.name not in ("fingerprint",)]


def load_articles(conn: Connection, ids: Iterable[str]) -> dict[str, Article]:
    """The stored articles among ``ids``, by id (missing ids are simply absent)."""
    wanted = sorted(set(ids))
    loaded: dict[str, Article] = {}
    for start in range(0, len(wanted), CHUNK):
        loaded.update(_load_chunk(conn, wanted[start : start + CHUNK]))
    return loaded


def _load_chunk(conn: Connection, ids: Sequence[str]) -> dict[str, Article]:
    rows = conn.execute(sa.select(*_ARTICLE_COLUMNS).where(articles.c.id.in_(ids))).mappings()
    found = {row["id"]: row for row in rows}
    if not found:
        return {}
    present = list(found)
    authors = _children(conn, article_authors, present)
    countries = _children(conn, article_countries, present)
    regions = _children(conn, article_regions, present)
    keys = _children(conn, near_duplicate_keys, present, order="key")
    stage_rows = _stage_rows(conn, present)
    return {
        article_id: decode_article(
            row,
            authors[article_id],
            countries[article_id],
            regions[article_id],
            keys[article_id],
            stage_rows.get(article_id),
        )
        for article_id, row in found.items()
    }


def _stage_rows(
    conn: Connection, ids: Sequence[str]
) -> dict[str, dict[str, dict[str, list[RowMapping]]]]:
    """Rows of stages' own tables: by article id, then field, then table name."""
    grouped: dict[str, dict[str, dict[str, list[RowMapping]]]] = {}
    for owner in registered_stage_tables():
        for table in owner.tables:
            order = [c for c in table.primary_key.columns] or [table.c.article_id]
            stmt = sa.select(table).where(table.c.article_id.in_(ids)).order_by(*order)
            for row in conn.execute(stmt).mappings():
                by_field = grouped.setdefault(row["article_id"], {})
                by_field.setdefault(owner.field, {}).setdefault(table.name, []).append(row)
    return grouped


def _children(
    conn: Connection, table: sa.Table, ids: Sequence[str], order: str = "position"
) -> defaultdict[str, list[RowMapping]]:
    stmt = (
        sa.select(table)
        .where(table.c.article_id.in_(ids))
        .order_by(table.c.article_id, table.c[order])
    )
    grouped: defaultdict[str, list[RowMapping]] = defaultdict(list)
    for row in conn.execute(stmt).mappings():
        grouped[row["article_id"]].append(row)
    return grouped
