"""Newest-first listing pages with keyset cursors, each read as a few index ranges.

A listing is driven by one index: the country listing when countries are asked for, else the
region listing, else the articles' ``(type, published_at, id)`` or ``(published_at, id)``. Each
value asked for (``country=KZ&country=UZ``) is its own range, limited to one page; the database
merges those few rows. Other filters are checked on the rows of that range.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime
from itertools import product
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.domain import ArticleType
from worldbrief.store.dialect import UtcDateTime
from worldbrief.store.records import Direction, ListingCursor, ListingPage, ListingQuery
from worldbrief.store.schema import articles, country_listings, region_listings

# Above this many (value, type) pairs, the types are checked on the rows instead.
_MAX_RANGES = 50
Key = tuple[datetime, str]  # (published_at, article_id)
Range = sa.Select[Any]


def list_page(conn: Connection, query: ListingQuery) -> ListingPage:
    cursor = query.cursor
    if cursor is not None and cursor.direction == "newer":
        rows = _keys(conn, query, cursor, "newer", query.limit + 1)
        if len(rows) <= query.limit:  # nothing newer than a full page: the first page it is
            return list_page(conn, dataclasses.replace(query, cursor=None))
        shown = list(reversed(rows[: query.limit]))
        return ListingPage(
            ids=tuple(article_id for _, article_id in shown),
            older=_cursor(shown[-1], "older"),
            newer=_cursor(shown[0], "newer"),
        )
    return _older_page(query, _keys(conn, query, cursor, "older", query.limit + 1))


def list_pages(conn: Connection, queries: Sequence[ListingQuery]) -> list[ListingPage]:
    """``list_page`` of each query. The pages read towards older articles (first pages among
    them) are read by one statement, the union of their ranges: a front page lists eight."""
    older = [i for i, q in enumerate(queries) if q.cursor is None or q.cursor.direction == "older"]
    if len(older) < 2:
        return [list_page(conn, q) for q in queries]
    parts = []
    for part, i in enumerate(older):
        query = queries[i]
        keys = _keys_statement(query, query.cursor, "older", query.limit + 1).subquery()
        parts.append(
            sa.select(sa.literal(part).label("part"), keys.c.published_at, keys.c.article_id)
        )
    union = sa.union_all(*parts).subquery()
    # Ordered by the database, as each listing alone is: its collation orders equal dates.
    stmt = sa.select(union.c.part, union.c.published_at, union.c.article_id).order_by(
        union.c.part, *_order(union.c.published_at, union.c.article_id, "older")
    )
    rows: list[list[Key]] = [[] for _ in older]
    for part, published_at, article_id in conn.execute(stmt):
        rows[part].append((published_at, article_id))
    pages = dict(
        zip(
            older,
            (_older_page(queries[i], r) for i, r in zip(older, rows, strict=True)),
            strict=True,
        )
    )
    return [pages[i] if i in pages else list_page(conn, q) for i, q in enumerate(queries)]


def _older_page(query: ListingQuery, rows: list[Key]) -> ListingPage:
    """The page of ``query`` (not a newer one) from up to ``limit + 1`` keys past its cursor."""
    shown = rows[: query.limit]
    return ListingPage(
        ids=tuple(article_id for _, article_id in shown),
        older=_cursor(shown[-1], "older") if len(rows) > query.limit else None,
        newer=_cursor(shown[0], "newer") if query.cursor is not None and shown else None,
    )


def _cursor(key: Key, direction: Direction) -> ListingCursor:
    published_at, article_id = key
    return ListingCursor(published_at, article_id, direction)


def _keys(
    conn: Connection,
    query: ListingQuery,
    cursor: ListingCursor | None,
    direction: Direction,
    size: int,
) -> list[Key]:
    """Up to ``size`` (published_at, id) past ``cursor`` in ``direction``, nearest first."""
    stmt = _keys_statement(query, cursor, direction, size)
    return [(row.published_at, row.article_id) for row in conn.execute(stmt)]


def _keys_statement(
    query: ListingQuery, cursor: ListingCursor | None, direction: Direction, size: int
) -> Range:
    ranges = [r.limit(size) for r in _ranges(query, cursor, direction)]
    if len(ranges) == 1:
        return ranges[0]
    parts = [sa.select(*r.subquery().c) for r in ranges]
    merged = sa.union(*parts).subquery()  # UNION: an article in two ranges counts once
    merged_keys: Range = (
        sa.select(merged.c.published_at, merged.c.article_id)
        .order_by(*_order(merged.c.published_at, merged.c.article_id, direction))
        .limit(size)
    )
    return merged_keys


def _order(
    published_at: sa.ColumnElement[Any], article_id: sa.ColumnElement[Any], direction: Direction
) -> tuple[sa.UnaryExpression[Any], ...]:
    if direction == "older":
        return published_at.desc(), article_id.desc()
    return published_at.asc(), article_id.asc()


def _ranges(query: ListingQuery, cursor: ListingCursor | None, direction: Direction) -> list[Range]:
    types = sorted({ArticleType.parse(t).value for t in query.types})
    if query.countries:
        table, column = country_listings, "code"
        values: Sequence[str | None] = sorted({c.strip().upper() for c in query.countries})
    elif query.regions:
        table, column = region_listings, "region_id"
        values = sorted(set(query.regions))
    else:
        table, column, values = articles, "", [None]
    id_column = table.c.id if table is articles else table.c.article_id
    split_types = bool(types) and len(values) * len(types) <= _MAX_RANGES
    pairs: list[tuple[str | None, str | None]] = (
        list(product(values, types)) if split_types else [(v, None) for v in values]
    )
    ranges: list[Range] = []
    for value, article_type in pairs:
        conditions = _shared_conditions(query, table, id_column, cursor, direction)
        if value is not None:
            conditions.append(table.c[column] == value)
        if article_type is not None:
            conditions.append(table.c.type == article_type)
        elif types:
            conditions.append(table.c.type.in_(types))
        ranges.append(
            sa.select(table.c.published_at, id_column.label("article_id"))
            .where(*conditions)
            .order_by(*_order(table.c.published_at, id_column, direction))
        )
    return ranges


def _shared_conditions(
    query: ListingQuery,
    table: sa.Table,
    id_column: sa.ColumnElement[str],
    cursor: ListingCursor | None,
    direction: Direction,
) -> list[sa.ColumnElement[bool]]:
    conditions: list[sa.ColumnElement[bool]] = []
    if query.access is not None:
        conditions.append(table.c.access == query.access.value)
    if query.date_from is not None:
        conditions.append(table.c.published_at >= query.date_from)
    if query.date_to is not None:
        conditions.append(table.c.published_at <= query.date_to)
    if cursor is not None:
        mark = sa.tuple_(
            sa.literal(cursor.published_at, UtcDateTime()), sa.literal(cursor.article_id)
        )
        own = sa.tuple_(table.c.published_at, id_column)
        conditions.append(own < mark if direction == "older" else own > mark)
    if query.countries and query.regions:
        rl = region_listings
        conditions.append(
            sa.exists().where(
                rl.c.region_id.in_(sorted(set(query.regions))),
                rl.c.published_at == table.c.published_at,
                rl.c.article_id == id_column,
            )
        )
    return conditions
