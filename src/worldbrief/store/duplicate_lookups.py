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
_T = TypeVar("_T")

_SQLITE_KEY_QUERY = (
    "SELECT n.article_id, a.published_at FROM near_duplicate_keys AS n "
    "JOIN articles AS a ON a.id = n.article_id "
    "WHERE n.key = ? AND a.duplicate_of IS NULL LIMIT ?"
)
# One statement for all keys, each capped by its own LIMIT (the covering index on key serves it).
_POSTGRES_KEY_QUERY = sa.text(
    "SELECT k.key, c.article_id, c.published_at "
    "FROM unnest(:keys) AS k(key) CROSS JOIN LATERAL ("
    " SELECT n.article_id, a.published_at FROM near_duplicate_keys AS n"
    " JOIN articles AS a ON a.id = n.article_id"
    " WHERE n.key = k.key AND a.duplicate_of IS NULL LIMIT :per_key) AS c"
).bindparams(
    sa.bindparam("keys", type_=postgresql.ARRAY(sa.BigInteger)),
    sa.bindparam("per_key", type_=sa.Integer),
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
    if conn.dialect.name == "postgresql":
        return _originals_postgres(conn, wanted, per_key)
    return _originals_sqlite(conn, wanted, per_key)


def _originals_sqlite(
    conn: Connection, keys: Sequence[int], per_key: int
) -> dict[int, list[Candidate]]:
    # SQLite runs in this process: a prepared point query per key costs microseconds, and
    # LIMIT stops each scan early, which no single statement over all keys could do.
    found: dict[int, list[Candidate]] = {}
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        for key in keys:
            rows = cursor.execute(_SQLITE_KEY_QUERY, (key, per_key)).fetchall()
            if rows:
                found[key] = [(article_id, _utc(published)) for article_id, published in rows]
    finally:
        cursor.close()
    return found


def _originals_postgres(
    conn: Connection, keys: Sequence[int], per_key: int
) -> dict[int, list[Candidate]]:
    found: defaultdict[int, list[Candidate]] = defaultdict(list)
    for chunk in _chunks(keys, CHUNK * 8):
        rows = conn.execute(_POSTGRES_KEY_QUERY, {"keys": list(chunk), "per_key": per_key})
        for key, article_id, published in rows:
            found[int(key)].append((article_id, _utc(published)))
    return dict(found)


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


def _utc(value: datetime | str) -> datetime:
    """A timestamp read without the column's type: SQLite gives naive UTC text."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _chunks(values: Sequence[_T], size: int = CHUNK) -> Iterable[Sequence[_T]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
