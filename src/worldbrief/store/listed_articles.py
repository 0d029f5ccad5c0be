"""Loading what the API's article lists show (``ListedArticle``): four statements for a page,
whatever the articles carry besides (bodies, places, entities, events, evidence and
near-duplicate keys are not read; decoding them cost a listing most of its time)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.domain import CountryMention, RegionMention, Source
from worldbrief.domain.listed_article import ListedArticle
from worldbrief.store import article_heads as heads
from worldbrief.store.schema import article_countries, articles

_a, _co = articles.c, article_countries.c
# Built once: building a statement costs more than running it for a page's few rows.
_ROWS = sa.select(
    *heads.HEAD_COLUMNS, _a.reading_minutes, _a.source_name, _a.source_url, _a.feed_url
).where(_a.id.in_(heads.IDS))
_COUNTRIES = (
    sa.select(_co.article_id, _co.code, _co.name, _co.score, _co.focus)
    .where(_co.article_id.in_(heads.IDS))
    .order_by(_co.article_id, _co.position)
)


def load_listed_articles(conn: Connection, ids: Iterable[str]) -> dict[str, ListedArticle]:
    """The stored articles among ``ids``, by id (missing ids are simply absent)."""
    return heads.load_in_chunks(conn, ids, _load_chunk)


def _load_chunk(conn: Connection, wanted: dict[str, list[str]]) -> dict[str, ListedArticle]:
    rows = conn.execute(_ROWS, wanted).all()
    if not rows:
        return {}
    authors = heads.grouped(conn, heads.AUTHORS, wanted)
    countries = heads.grouped(conn, _COUNTRIES, wanted)
    regions = heads.grouped(conn, heads.REGIONS, wanted)
    loaded: dict[str, ListedArticle] = {}
    for row in rows:
        head = heads.head_fields(row, authors)
        minutes, source_name, source_url, feed_url = row[len(heads.HEAD_COLUMNS) :]
        article_id = head["id"]
        loaded[article_id] = ListedArticle(
            **head,
            countries=_countries(countries[article_id]),
            regions=tuple(RegionMention(r, name) for r, name in regions[article_id]),
            reading_minutes=int(minutes),
            source=Source(source_name, source_url, feed_url),
        )
    return loaded


def _countries(rows: list[tuple[Any, ...]]) -> tuple[CountryMention, ...]:
    # Countries are stored strongest first: the first focus one is the primary one (as the
    # whole article's decoding says).
    primary = next((i for i, row in enumerate(rows) if row[3]), None)
    return tuple(
        CountryMention(code, name, score, bool(focus), primary=i == primary)
        for i, (code, name, score, focus) in enumerate(rows)
    )
