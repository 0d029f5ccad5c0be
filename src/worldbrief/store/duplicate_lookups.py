"""Batch lookups for deduplicating a batch of new articles, at a cost that stays flat as the
store grows: one indexed query per few hundred values, and at most ``per_key`` rows read per
near-duplicate key however many articles share it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection

from worldbrief.store.key_values import canonical_keys
from worldbrief.store.schema import articles

CHUNK = 500
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_T = TypeVar("_T")

# Two steps that any planner runs from an index, statistics or not: the ids of each key from
# the covering index on key (capped), then those articles by primary key. A key with
# ``SCAN_PER_KEY_FACTOR * per_key`` rows is common beyond doubt and its articles are not read.
SCAN_PER_KEY_FACTOR = 4
_SQLITE_KEY_QUERY = "SELECT article_id FROM near_duplicate_keys WHERE key = ? LIMIT ?"
# One statement for all keys, each capped by its own LIMIT.
_POSTGRES_KEY_QUERY = sa.text(
    "SELECT k.key, n.article_id FROM unnest(:keys) AS k(key) CROSS JOIN LATERAL"
    " (SELECT article_id FROM near_duplicate_keys WHERE key = k.key LIMIT :scan) AS n"
).bindparams(
    sa.bindparam("keys", type_=postgresql.ARRAY(sa.BigInteger)),
    sa.bindparam("scan", type_=sa.Integer),
)

Candidate = tuple[str, datetime]  # article id, published at


@dataclass(frozen=True, slots=True)
class StoredText:
    """What a stored article is compared on when a new one may repeat it."""

    id: str
    title: str
    plain_text: str
    published_at: datetime
    duplicate_of: str | None


def oldest_ids_by_content_hash(conn: Connection, hashes: Iterable[str]) -> dict[str, str]:
    """For each hash stored, the id of the oldest article with it (oldest published, then id)."""
    best: dict[str, tuple[datetime, str]] = {}
    for chunk in _chunks(sorted(set(hashes))):
        stmt = sa.select(articles.c.content_hash, articles.c.published_at, articles.c.id).where(
            articles.c.content_hash.in_(chunk)
        )
        for content_hash, published_at, article_id in conn.execute(stmt):
            found = (published_at, article_id)
            if content_hash not in best or found < best[content_hash]:
                best[content_hash] = found
    return {content_hash: article_id for content_hash, (_, article_id) in best.items()}


def published_dates(conn: Connection, ids: Iterable[str]) -> dict[str, datetime]:
    found: dict[str, datetime] = {}
    for chunk in _chunks(sorted(set(ids))):
        stmt = sa.select(articles.c.id, articles.c.published_at).where(articles.c.id.in_(chunk))
        found.update((article_id, published) for article_id, published in conn.execute(stmt))
    return found


def originals_by_key(
    conn: Connection, keys: Iterable[int], per_key: int
) -> dict[int, list[Candidate]]:
    """For each key, up to ``per_key`` stored articles having it that are not themselves
    copies. A key with ``per_key`` answers may be shared by many more: callers treat it as
    too common to tell anything."""
    wanted = canonical_keys(keys)
    if not wanted or per_key < 1:
        return {}
    scan = per_key * SCAN_PER_KEY_FACTOR
    if conn.dialect.name == "postgresql":
        ids_by_key = _ids_by_key_postgres(conn, wanted, scan)
    else:
        ids_by_key = _ids_by_key_sqlite(conn, wanted, scan)
    common = {key for key, ids in ids_by_key.items() if len(ids) >= scan}
    needed = {i for key, ids in ids_by_key.items() if key not in common for i in ids}
    facts = _originals(conn, needed)
    found: dict[int, list[Candidate]] = {}
    for key, ids in ids_by_key.items():
        if key in common:  # as common as can be: answered as full, without reading them
            found[key] = [(i, _EPOCH) for i in ids[:per_key]]
            continue
        originals = [(i, facts[i]) for i in ids if i in facts]
        if originals:
            found[key] = originals[:per_key]
    return found


def _ids_by_key_sqlite(conn: Connection, keys: Sequence[int], scan: int) -> dict[int, list[str]]:
    # SQLite runs in this process: a prepared point query per key costs microseconds, and
    # LIMIT stops each scan early, which no single statement over all keys could do.
    found: dict[int, list[str]] = {}
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        for key in keys:
            rows = cursor.execute(_SQLITE_KEY_QUERY, (key, scan)).fetchall()
            if rows:
                found[key] = [article_id for (article_id,) in rows]
    finally:
        cursor.close()
    return found


def _ids_by_key_postgres(conn: Connection, keys: Sequence[int], scan: int) -> dict[int, list[str]]:
    found: defaultdict[int, list[str]] = defaultdict(list)
    for chunk in _chunks(keys, CHUNK * 8):
        rows = conn.execute(_POSTGRES_KEY_QUERY, {"keys": list(chunk), "scan": scan})
        for key, article_id in rows:
            found[int(key)].append(article_id)
    return dict(found)


def _originals(conn: Connection, ids: Iterable[str]) -> dict[str, datetime]:
    """The publication dates of those of ``ids`` that are not copies."""
    found: dict[str, datetime] = {}
    columns = (articles.c.id, articles.c.published_at, articles.c.duplicate_of)
    for chunk in _chunks(sorted(set(ids))):
        for article_id, published, duplicate_of in conn.execute(
            sa.select(*columns).where(articles.c.id.in_(chunk))
        ):
            if duplicate_of is None:
                found[article_id] = published
    return found


def stored_texts(conn: Connection, ids: Iterable[str]) -> dict[str, StoredText]:
    columns = (
        articles.c.id,
        articles.c.title,
        articles.c.plain_text,
        articles.c.published_at,
        articles.c.duplicate_of,
    )
    found: dict[str, StoredText] = {}
    for chunk in _chunks(sorted(set(ids))):
        for row in conn.execute(sa.select(*columns).where(articles.c.id.in_(chunk))):
            found[row.id] = StoredText(
                row.id, row.title, row.plain_text, row.published_at, row.duplicate_of
            )
    return found


def _chunks(values: Sequence[_T], size: int = CHUNK) -> Iterable[Sequence[_T]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
