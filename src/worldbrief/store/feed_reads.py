"""Loading what Atom entries show of articles: three statements for a whole feed, whatever the
article carries besides (places, entities, events, evidence and near-duplicate keys are not
read; decoding them cost feeds most of their time)."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.domain import BodyFormat
from worldbrief.domain.feed_article import FeedArticle
from worldbrief.store import article_heads as heads
from worldbrief.store.schema import articles

_a = articles.c
# Built once: building a statement costs more than running it for a feed's few rows.
# Access and body come from one row, so the paywall judges the very body it lets through.
_ROWS = sa.select(*heads.HEAD_COLUMNS, _a.body, _a.body_format, _a.seq).where(_a.id.in_(heads.IDS))


def load_feed_articles(conn: Connection, ids: Iterable[str]) -> dict[str, FeedArticle]:
    """The stored articles among ``ids``, by id (missing ids are simply absent)."""
    return heads.load_in_chunks(conn, ids, _load_chunk)


def _load_chunk(conn: Connection, wanted: dict[str, list[str]]) -> dict[str, FeedArticle]:
    rows = conn.execute(_ROWS, wanted).all()
    if not rows:
        return {}
    authors = heads.grouped(conn, heads.AUTHORS, wanted)
    focus = heads.grouped(conn, heads.FOCUS_COUNTRIES, wanted)
    loaded: dict[str, FeedArticle] = {}
    for row in rows:
        head = heads.head_fields(row, authors)
        body, body_format, seq = row[len(heads.HEAD_COLUMNS) :]
        loaded[head["id"]] = FeedArticle(
            **head,
            focus_countries=heads.focus_countries(focus[head["id"]]),
            body=body,
            body_format=BodyFormat(body_format),
            seq=int(seq),
        )
    return loaded
