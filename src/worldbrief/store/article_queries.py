"""Questions asked of the stored articles: filtered lists, counts, lookups and neighbours.
Functions return ids or figures; ``article_reads`` turns ids into articles."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.domain import AccessLevel, ArticleType, CountryMention
from worldbrief.domain.topic_profile import TopicProfile
from worldbrief.store.article_codec import entity_from_json
from worldbrief.store.counts import counts
from worldbrief.store.key_values import canonical_keys
from worldbrief.store.records import ArticleFilter
from worldbrief.store.schema import (
    article_countries,
    article_entities,
    article_regions,
    articles,
    country_listings,
    near_duplicate_keys,
)

_NEWEST_FIRST = (articles.c.published_at.desc(), articles.c.id.desc())
_OLDEST_FIRST = (articles.c.published_at.asc(), articles.c.id.asc())


def list_article_ids(conn: Connection, f: ArticleFilter) -> tuple[int, list[str]]:
    """``(total matching, ids of the requested page)``, newest first."""
    conditions = _filter_conditions(f)
    total = conn.execute(
        sa.select(sa.func.count()).select_from(articles).where(*conditions)
    ).scalar_one()
    page = (
        sa.select(articles.c.id)
        .where(*conditions)
        .order_by(*_NEWEST_FIRST)
        .limit(f.limit)
        .offset(f.offset)
    )
    return int(total), list(conn.execute(page).scalars())


def _filter_conditions(f: ArticleFilter) -> list[sa.ColumnElement[bool]]:
    conditions: list[sa.ColumnElement[bool]] = []
    if f.countries:
        codes = sorted({code.strip().upper() for code in f.countries})
        ac = article_countries
        conditions.append(
            sa.exists().where(ac.c.article_id == articles.c.id, ac.c.focus, ac.c.code.in_(codes))
        )
    if f.regions:
        ar = article_regions
        conditions.append(
            sa.exists().where(ar.c.article_id == articles.c.id, ar.c.region_id.in_(f.regions))
        )
    if f.types:
        conditions.append(articles.c.type.in_(sorted({ArticleType.parse(t) for t in f.types})))
    if f.access is not None:
        conditions.append(articles.c.access == AccessLevel.parse(f.access).value)
    if f.date_from is not None:
        conditions.append(articles.c.published_at >= f.date_from)
    if f.date_to is not None:
        conditions.append(articles.c.published_at <= f.date_to)
    return conditions


def country_counts(conn: Connection) -> dict[str, int]:
    return counts(conn, "country")


def region_counts(conn: Connection) -> dict[str, int]:
    return counts(conn, "region")


def years(conn: Connection) -> list[int]:
    """Years with at least one article, newest first."""
    return sorted((int(year) for year in counts(conn, "year")), reverse=True)


# Connected content looks at this many articles about each focus country on either side of the
# article's date, for its strongest few focus countries: a bounded set, however many there are.
RELATED_NEIGHBOURS = 25
RELATED_COUNTRIES = 4


def related_by_countries(
    conn: Connection,
    article_id: str,
    published_at: datetime,
    focus: Sequence[CountryMention],
    limit: int,
) -> list[tuple[str, float]]:
    """Articles sharing focus countries, among those published nearest in time to this one,
    scored by the sum over shared countries of the lower of the two scores; best first, newest
    first among equals."""
    scores: dict[str, float] = {}
    for mention in sorted(focus, key=lambda c: -float(c.score)):
        scores.setdefault(mention.code, float(mention.score))
    scores = dict(list(scores.items())[:RELATED_COUNTRIES])
    if not scores or limit < 1:
        return []
    neighbours = _neighbours(conn, scores, published_at)
    totals: dict[str, float] = {}
    dates: dict[str, datetime] = {}
    # Summed in one order: a set's order varies between processes, and so would the last bit
    # of a sum of three or more scores, and the ranking of totals that differ by no more.
    for other, date, code, score in sorted(neighbours):
        if other != article_id:
            totals[other] = totals.get(other, 0.0) + min(float(score), scores[code])
            dates[other] = date
    ranked = sorted(totals, key=lambda i: (-totals[i], -dates[i].timestamp(), i))
    return [(other, totals[other]) for other in ranked[:limit]]


def _neighbours(
    conn: Connection, codes: Iterable[str], published_at: datetime
) -> set[tuple[str, datetime, str, float]]:
    """(article, date, code, score) of the listing rows nearest ``published_at`` per code."""
    cl = country_listings
    ranges = []
    for code in codes:
        for before in (True, False):
            side = cl.c.published_at <= published_at if before else cl.c.published_at > published_at
            # The key's order to the end: articles published at the same moment are cut at
            # the same place every time (on PostgreSQL too).
            order = (
                (cl.c.published_at.desc(), cl.c.article_id.desc())
                if before
                else (cl.c.published_at.asc(), cl.c.article_id.asc())
            )
            ranges.append(
                sa.select(cl.c.article_id, cl.c.published_at, cl.c.code, cl.c.score)
                .where(cl.c.code == code, side)
                .order_by(*order)
                .limit(RELATED_NEIGHBOURS)
                .subquery()
            )
    stmt = sa.union_all(*(sa.select(*r.c) for r in ranges))
    return {(a, d, c, s) for a, d, c, s in conn.execute(stmt)}


def find_id_by_url(conn: Connection, url: str) -> str | None:
    stmt = sa.select(articles.c.id).where(articles.c.source_url == url).order_by(*_OLDEST_FIRST)
    return conn.execute(stmt.limit(1)).scalar()


def find_id_by_content_hash(conn: Connection, content_hash: str) -> str | None:
    stmt = sa.select(articles.c.id).where(articles.c.content_hash == content_hash)
    return conn.execute(stmt.order_by(*_OLDEST_FIRST).limit(1)).scalar()


def near_duplicate_candidates(
    conn: Connection, keys: Sequence[int], exclude_id: str | None, limit: int
) -> list[str]:
    """Ids of articles sharing at least one of ``keys``: most shared keys first, then oldest
    published first (then by id)."""
    wanted = canonical_keys(keys)
    if not wanted or limit < 1:
        return []
    ndk = near_duplicate_keys
    stmt = (
        sa.select(ndk.c.article_id)
        .join(articles, articles.c.id == ndk.c.article_id)
        .where(ndk.c.key.in_(wanted))
        .group_by(ndk.c.article_id, articles.c.published_at)
        .order_by(sa.func.count().desc(), articles.c.published_at.asc(), ndk.c.article_id.asc())
        .limit(limit)
    )
    if exclude_id is not None:
        stmt = stmt.where(ndk.c.article_id != exclude_id)
    return list(conn.execute(stmt).scalars())


def duplicate_ids(conn: Connection, original_id: str, limit: int | None = None) -> list[str]:
    """Articles marked as near-duplicates of ``original_id``, oldest first."""
    stmt = sa.select(articles.c.id).where(articles.c.duplicate_of == original_id)
    return list(conn.execute(stmt.order_by(*_OLDEST_FIRST).limit(limit)).scalars())


def count(conn: Connection) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one())


def ids_after(conn: Connection, after: str | None, limit: int) -> list[str]:
    stmt = sa.select(articles.c.id).order_by(articles.c.id).limit(limit)
    if after is not None:
        stmt = stmt.where(articles.c.id > after)
    return list(conn.execute(stmt).scalars())


_VERSIONS = sa.select(articles.c.id, articles.c.seq).where(
    articles.c.id.in_(sa.bindparam("ids", expanding=True))
)  # built once: it runs for every article page


def article_versions(conn: Connection, ids: Sequence[str]) -> dict[str, int]:
    """The change-log sequence of the last write of each stored article among ``ids``: every
    write of an article (its row, children and stage rows, in one transaction) moves it."""
    if not ids:
        return {}
    return {article_id: int(seq) for article_id, seq in conn.execute(_VERSIONS, {"ids": list(ids)})}


def topic_profiles(conn: Connection, ids: Sequence[str]) -> dict[str, tuple[int, TopicProfile]]:
    """What connected content compares of each stored article among ``ids`` (a bounded set):
    focus countries from their index, places and entities from the row, no body or evidence;
    each with the sequence of the write it was read at, so that it can be kept by version."""
    if not ids:
        return {}
    rows = conn.execute(
        sa.select(
            articles.c.id,
            articles.c.seq,
            articles.c.duplicate_of,
            articles.c.places,
            articles.c.entities,
        ).where(articles.c.id.in_(list(ids)))
    ).all()
    ac = article_countries
    focus: dict[str, list[str]] = {}
    stmt = (
        sa.select(ac.c.article_id, ac.c.code)
        .where(ac.c.article_id.in_(list(ids)), ac.c.focus.is_(True))
        .order_by(ac.c.article_id, ac.c.position)
    )
    for article_id, code in conn.execute(stmt):
        focus.setdefault(article_id, []).append(code)
    named: dict[str, list[str]] = {}  # entities kept in their own table (the entities stage)
    ae = article_entities
    stmt = (
        sa.select(ae.c.article_id, ae.c.entity_id)
        .where(ae.c.article_id.in_(list(ids)))
        .order_by(ae.c.article_id, ae.c.position)
    )
    for article_id, entity_id in conn.execute(stmt):
        named.setdefault(article_id, []).append(entity_id)
    return {
        article_id: (
            int(seq),
            TopicProfile(
                article_id=article_id,
                # Countries are stored strongest first: the first focus one is the primary one.
                focus=tuple((code, i == 0) for i, code in enumerate(focus.get(article_id, []))),
                places=tuple(
                    (int(p["geonameid"]), str(p["feature"]))
                    for p in places
                    if p.get("geonameid") is not None
                ),
                actors=(
                    *(entity_from_json(e).id for e in entities),
                    *named.get(article_id, ()),
                ),
                duplicate_of=duplicate_of,
            ),
        )
        for article_id, seq, duplicate_of, places, entities in rows
    }
