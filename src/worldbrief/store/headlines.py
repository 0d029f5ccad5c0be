"""Loading article headlines: what lists and cards show, without bodies, places, evidence or
the countries an article only mentions."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.domain import RegionMention, Source
from worldbrief.store import article_heads as heads
from worldbrief.store.records import ArticleHeadline
from worldbrief.store.schema import articles

_a = articles.c
# Built once: these run for every list shown, and building a statement costs more than running it.
_ROWS = sa.select(
    *heads.HEAD_COLUMNS, _a.source_name, _a.source_url, _a.feed_url, _a.reading_minutes,
    _a.duplicate_of,
).where(_a.id.in_(heads.IDS))  # fmt: skip


def load_headlines(conn: Connection, ids: Iterable[str]) -> dict[str, ArticleHeadline]:
    """The stored articles among ``ids``, by id (missing ids are simply absent)."""
    return heads.load_in_chunks(conn, ids, _load_chunk)


def _load_chunk(conn: Connection, wanted: dict[str, list[str]]) -> dict[str, ArticleHeadline]:
    rows = conn.execute(_ROWS, wanted).all()
    if not rows:
        return {}
    authors = heads.grouped(conn, heads.AUTHORS, wanted)
    focus = heads.grouped(conn, heads.FOCUS_COUNTRIES, wanted)
    regions = heads.grouped(conn, heads.REGIONS, wanted)
    loaded: dict[str, ArticleHeadline] = {}
    for row in rows:
        head = heads.head_fields(row, authors)
        source_name, source_url, feed_url, minutes, duplicate_of = row[len(heads.HEAD_COLUMNS) :]
        loaded[head["id"]] = ArticleHeadline(
            **head,
            countries=heads.focus_countries(focus[head["id"]]),
            regions=tuple(RegionMention(region, name) for region, name in regions[head["id"]]),
            reading_minutes=int(minutes),
            source=Source(source_name, source_url, feed_url),
            duplicate_of=duplicate_of,
        )
    return loaded
