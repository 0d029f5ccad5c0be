"""Loading what Atom entries show of articles: three statements for a whole feed, whatever the
article carries besides (places, entities, events, evidence and near-duplicate keys are not
read; decoding them cost feeds most of their time)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.domain import AccessLevel, ArticleType, Author, BodyFormat, CountryMention
from worldbrief.domain.feed_article import FeedArticle
from worldbrief.store.schema import article_authors, article_countries, articles

CHUNK = 500
_a, _au, _co = articles.c, article_authors.c, article_countries.c
_IDS: sa.BindParameter[Any] = sa.bindparam("ids", expanding=True)
# Built once: building a statement costs more than running it for a feed's few rows.
# Access and body come from one row, so the paywall judges the very body it lets through.
_ROWS = sa.select(
    _a.id, _a.type, _a.title, _a.teaser, _a.published_at, _a.updated_at, _a.access, _a.body,
    _a.body_format, _a.seq,
).where(_a.id.in_(_IDS))  # fmt: skip
_AUTHORS = (
    sa.select(_au.article_id, _au.name, _au.role)
    .where(_au.article_id.in_(_IDS))
    .order_by(_au.article_id, _au.position)
)
_FOCUS = (
    sa.select(_co.article_id, _co.code, _co.name, _co.score)
    .where(_co.article_id.in_(_IDS), _co.focus)
    .order_by(_co.article_id, _co.position)
)


def load_feed_articles(conn: Connection, ids: Iterable[str]) -> dict[str, FeedArticle]:
    """The stored articles among ``ids``, by id (missing ids are simply absent)."""
    wanted = sorted(set(ids))
    loaded: dict[str, FeedArticle] = {}
    for start in range(0, len(wanted), CHUNK):
        loaded.update(_load_chunk(conn, wanted[start : start + CHUNK]))
    return loaded


def _load_chunk(conn: Connection, ids: list[str]) -> dict[str, FeedArticle]:
    wanted = {"ids": ids}
    rows = conn.execute(_ROWS, wanted).all()
    if not rows:
        return {}
    authors = _grouped(conn, _AUTHORS, wanted)
    focus = _grouped(conn, _FOCUS, wanted)
    return {
        article_id: FeedArticle(
            id=article_id,
            type=ArticleType(kind),
            title=title,
            teaser=teaser,
            published_at=published_at,
            updated_at=updated_at,
            authors=tuple(Author(name, role) for name, role in authors[article_id]),
            focus_countries=tuple(
                CountryMention(code, name, float(score), True)
                for code, name, score in focus[article_id]
            ),
            access=AccessLevel(access),
            body=body,
            body_format=BodyFormat(body_format),
            seq=int(seq),
        )
        for (
            article_id,
            kind,
            title,
            teaser,
            published_at,
            updated_at,
            access,
            body,
            body_format,
            seq,
        ) in rows
    }


def _grouped(
    conn: Connection, stmt: sa.Select[Any], wanted: dict[str, list[str]]
) -> defaultdict[str, list[tuple[Any, ...]]]:
    """Child rows by article, without the article id, in position order."""
    grouped: defaultdict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for row in conn.execute(stmt, wanted).all():
        grouped[row[0]].append(tuple(row[1:]))
    return grouped
