"""Loading article headlines: what lists and cards show, without bodies, places or evidence."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from worldbrief.domain import (
    AccessLevel,
    ArticleType,
    Author,
    CountryMention,
    RegionMention,
    Source,
)
from worldbrief.store.records import ArticleHeadline
from worldbrief.store.schema import article_authors, article_countries, article_regions, articles

CHUNK = 500
_a = articles.c
_COLUMNS = (
    _a.id, _a.type, _a.title, _a.teaser, _a.published_at, _a.updated_at, _a.source_name,
    _a.source_url, _a.feed_url, _a.reading_minutes, _a.access, _a.duplicate_of,
)  # fmt: skip


def load_headlines(conn: Connection, ids: Iterable[str]) -> dict[str, ArticleHeadline]:
    """The stored articles among ``ids``, by id (missing ids are simply absent)."""
    wanted = sorted(set(ids))
    loaded: dict[str, ArticleHeadline] = {}
    for start in range(0, len(wanted), CHUNK):
        loaded.update(_load_chunk(conn, wanted[start : start + CHUNK]))
    return loaded


def _load_chunk(conn: Connection, ids: Sequence[str]) -> dict[str, ArticleHeadline]:
    rows = {row.id: row for row in conn.execute(sa.select(*_COLUMNS).where(_a.id.in_(ids)))}
    if not rows:
        return {}
    present = list(rows)
    au, co, re = article_authors.c, article_countries.c, article_regions.c
    authors = _grouped(conn, sa.select(au.article_id, au.name, au.role), au, present)
    countries = _grouped(
        conn, sa.select(co.article_id, co.code, co.name, co.score, co.focus), co, present
    )
    regions = _grouped(conn, sa.select(re.article_id, re.region_id, re.name), re, present)
    return {
        article_id: ArticleHeadline(
            id=row.id,
            type=ArticleType(row.type),
            title=row.title,
            teaser=row.teaser,
            published_at=row.published_at,
            updated_at=row.updated_at,
            authors=tuple(Author(a.name, a.role) for a in authors[article_id]),
            countries=tuple(
                CountryMention(c.code, c.name, float(c.score), bool(c.focus))
                for c in countries[article_id]
            ),
            regions=tuple(RegionMention(r.region_id, r.name) for r in regions[article_id]),
            reading_minutes=int(row.reading_minutes),
            access=AccessLevel(row.access),
            source=Source(row.source_name, row.source_url, row.feed_url),
            duplicate_of=row.duplicate_of,
        )
        for article_id, row in rows.items()
    }


def _grouped(
    conn: Connection,
    stmt: sa.Select[tuple[object, ...]],
    columns: sa.ColumnCollection[str, sa.ColumnElement[object]],
    ids: Sequence[str],
) -> defaultdict[str, list[Row[tuple[object, ...]]]]:
    ordered = stmt.where(columns.article_id.in_(ids)).order_by(columns.article_id, columns.position)
    grouped: defaultdict[str, list[Row[tuple[object, ...]]]] = defaultdict(list)
    for row in conn.execute(ordered):
        grouped[row.article_id].append(row)
    return grouped
