"""Reading the heads of articles by id (``ArticleHead``): the columns, authors and focus
countries that headlines and Atom entries both show, one statement per table for a chunk of
ids. ``headlines`` and ``feed_reads`` each add what they show besides."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, TypedDict, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.domain import AccessLevel, ArticleType, Author, CountryMention
from worldbrief.store.schema import article_authors, article_countries, article_regions, articles

CHUNK = 500
IDS: sa.BindParameter[Any] = sa.bindparam("ids", expanding=True)
Grouped = defaultdict[str, list[tuple[Any, ...]]]
Loaded = TypeVar("Loaded")

_a, _au, _co, _re = articles.c, article_authors.c, article_countries.c, article_regions.c
# The first columns of a reader's row statement, in the order ``head_fields`` takes them.
HEAD_COLUMNS = (
    _a.id, _a.type, _a.title, _a.teaser, _a.published_at, _a.updated_at, _a.access,
)  # fmt: skip
# Built once: these run for every list and feed shown, and building a statement costs more
# than running it for a page's few rows.
AUTHORS = (
    sa.select(_au.article_id, _au.name, _au.role)
    .where(_au.article_id.in_(IDS))
    .order_by(_au.article_id, _au.position)
)
FOCUS_COUNTRIES = (
    sa.select(_co.article_id, _co.code, _co.name, _co.score)
    .where(_co.article_id.in_(IDS), _co.focus)
    .order_by(_co.article_id, _co.position)
)
REGIONS = (
    sa.select(_re.article_id, _re.region_id, _re.name)
    .where(_re.article_id.in_(IDS))
    .order_by(_re.article_id, _re.position)
)


class HeadFields(TypedDict):
    """``ArticleHead``'s fields as keywords, so each reader builds its own type from them (mypy
    checks them against that type's fields)."""

    id: str
    type: ArticleType
    title: str
    teaser: str
    published_at: datetime
    updated_at: datetime | None
    authors: tuple[Author, ...]
    access: AccessLevel


def load_in_chunks(
    conn: Connection,
    ids: Iterable[str],
    load_chunk: Callable[[Connection, dict[str, list[str]]], dict[str, Loaded]],
) -> dict[str, Loaded]:
    """What ``load_chunk`` reads of the stored articles among ``ids``, by id (missing ids are
    simply absent), ``CHUNK`` ids a round so a statement's parameters stay within bounds."""
    wanted = sorted(set(ids))
    loaded: dict[str, Loaded] = {}
    for start in range(0, len(wanted), CHUNK):
        loaded.update(load_chunk(conn, {"ids": wanted[start : start + CHUNK]}))
    return loaded


def grouped(conn: Connection, stmt: sa.Select[Any], wanted: dict[str, list[str]]) -> Grouped:
    """Child rows by article, without the article id, in position order."""
    by_article: Grouped = defaultdict(list)
    for row in conn.execute(stmt, wanted).all():
        by_article[row[0]].append(tuple(row[1:]))
    return by_article


def head_fields(row: Sequence[Any], authors: Grouped) -> HeadFields:
    """The head of the article of ``row`` (which starts with ``HEAD_COLUMNS``), its authors
    taken from ``authors`` (rows of ``AUTHORS`` grouped)."""
    article_id, kind, title, teaser, published_at, updated_at, access = row[: len(HEAD_COLUMNS)]
    return HeadFields(
        id=article_id,
        type=ArticleType(kind),
        title=title,
        teaser=teaser,
        published_at=published_at,
        updated_at=updated_at,
        authors=tuple(Author(name, role) for name, role in authors[article_id]),
        access=AccessLevel(access),
    )


def focus_countries(rows: Iterable[tuple[Any, ...]]) -> tuple[CountryMention, ...]:
    """An article's focus countries from its rows of ``FOCUS_COUNTRIES``, strongest first."""
    return tuple(CountryMention(code, name, float(score), True) for code, name, score in rows)
