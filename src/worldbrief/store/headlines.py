"""Loading article headlines: what lists and cards show, without bodies, places, evidence or
the countries an article only mentions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

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


_IDS: sa.BindParameter[Any] = sa.bindparam("ids", expanding=True)
_au, _co, _re = article_authors.c, article_countries.c, article_regions.c
# Built once: these run for every list shown, and building a statement costs more than running it.
_ROWS = sa.select(*_COLUMNS).where(_a.id.in_(_IDS))
_AUTHORS = (
    sa.select(_au.article_id, _au.name, _au.role)
    .where(_au.article_id.in_(_IDS))
    .order_by(_au.article_id, _au.position)
)
_COUNTRIES = (
    sa.select(_co.article_id, _co.code, _co.name, _co.score, _co.focus)
    .where(_co.article_id.in_(_IDS), _co.focus)
    .order_by(_co.article_id, _co.position)
)
_REGIONS = (
    sa.select(_re.article_id, _re.region_id, _re.name)
    .where(_re.article_id.in_(_IDS))
    .order_by(_re.article_id, _re.position)
)


def _load_chunk(conn: Connection, ids: Sequence[str]) -> dict[str, ArticleHeadline]:
    wanted = {"ids": list(ids)}
    rows = {row[0]: row for row in conn.execute(_ROWS, wanted).all()}
    if not rows:
        return {}
    authors = _grouped(conn, _AUTHORS, wanted)
    countries = _grouped(conn, _COUNTRIES, wanted)
    regions = _grouped(conn, _REGIONS, wanted)
    return {
        article_id: ArticleHeadline(
            id=article_id,
            type=ArticleType(kind),
            title=title,
            teaser=teaser,
            published_at=published_at,
            updated_at=updated_at,
            authors=tuple(Author(name, role) for name, role in authors[article_id]),
            countries=tuple(
                CountryMention(code, name, float(score), bool(focus))
                for code, name, score, focus in countries[article_id]
            ),
            regions=tuple(RegionMention(region, name) for region, name in regions[article_id]),
            reading_minutes=int(minutes),
            access=AccessLevel(access),
            source=Source(source_name, source_url, feed_url),
            duplicate_of=duplicate_of,
        )
        for article_id, (
            _,
            kind,
            title,
            teaser,
            published_at,
            updated_at,
            source_name,
            source_url,
            feed_url,
            minutes,
            access,
            duplicate_of,
        ) in rows.items()
    }


def _grouped(
    conn: Connection, stmt: sa.Select[Any], wanted: dict[str, list[str]]
) -> defaultdict[str, list[tuple[Any, ...]]]:
    """Child rows by article, without the article id, in position order."""
    grouped: defaultdict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for row in conn.execute(stmt, wanted).all():
        grouped[row[0]].append(tuple(row[1:]))
    return grouped
