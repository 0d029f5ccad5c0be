"""Writing articles: bulk upsert with change detection, and deletion. Callers hold the write
transaction (``engine.write_transaction``), so a batch is stored entirely or not at all."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.domain import Article
from worldbrief.store.article_codec import EncodedArticle, Row, encode_article
from worldbrief.store.browse_index import record_deletes, record_writes
from worldbrief.store.bulk_insert import insert_rows
from worldbrief.store.change_log import append_changes
from worldbrief.store.country_index import record_country_deletes, record_country_writes
from worldbrief.store.dialect import upsert
from worldbrief.store.records import UpsertOutcome, UpsertStatus
from worldbrief.store.schema import (
    article_authors,
    article_countries,
    article_regions,
    articles,
    near_duplicate_keys,
)
from worldbrief.store.stage_tables import StageCatalog, StageLinks, registered_stage_tables

# Keeps IN lists and multi-row statements well under every driver's parameter limit.
CHUNK = 500
SQLITE_CACHE_KIB = 131_072  # 128 MiB of page cache for the writing connection
_CHILD_TABLES = (article_authors, article_countries, article_regions, near_duplicate_keys)
_KEPT_ON_UPDATE = {"id", "created_at"}


def upsert_articles(
    conn: Connection, batch: Sequence[Article], now: datetime
) -> list[UpsertOutcome]:
    """Store ``batch`` by id. An article equal to what is stored is ``unchanged`` and logs no
    change; one that cannot be encoded is ``rejected`` with the reason, and the rest go on.
    An id repeated within the batch is applied in order (the last copy is what stays)."""
    if conn.dialect.name == "sqlite":
        # A batch touches pages all over the key and hash indexes: keep more of them cached.
        conn.exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    outcomes: list[UpsertOutcome | None] = [None] * len(batch)
    encoded: list[tuple[int, EncodedArticle]] = []
    for position, article in enumerate(batch):
        try:
            encoded.append((position, encode_article(article)))
        except (ValueError, TypeError) as exc:
            label = article.id if isinstance(getattr(article, "id", None), str) else "?"
            outcomes[position] = UpsertOutcome(label, "rejected", error=str(exc))

    stored = _stored_fingerprints(conn, {e.id for _, e in encoded})
    current = dict(stored)
    final: dict[str, EncodedArticle] = {}
    written: list[tuple[int, str, UpsertStatus]] = []
    for position, item in encoded:
        previous = current.get(item.id)
        if previous == item.fingerprint:
            outcomes[position] = UpsertOutcome(item.id, "unchanged")
            continue
        written.append((position, item.id, "created" if previous is None else "updated"))
        current[item.id] = item.fingerprint
        final[item.id] = item

    seqs = append_changes(conn, [(article_id, "upsert") for _, article_id, _ in written], now)
    last_seq: dict[str, int] = {}
    for (position, article_id, status), seq in zip(written, seqs, strict=True):
        outcomes[position] = UpsertOutcome(article_id, status, seq=seq)
        last_seq[article_id] = seq

    record_writes(conn, final.values(), replacing=[i for i in final if i in stored])
    record_country_writes(conn, final.values(), replacing=[i for i in final if i in stored])
    _write_rows(conn, final.values(), last_seq, now)
    _replace_children(conn, final.values(), replacing=[i for i in final if i in stored])
    return [o for o in outcomes if o is not None]


def delete_article(conn: Connection, article_id: str, now: datetime) -> bool:
    for owner in registered_stage_tables():
        if isinstance(owner, StageLinks):
            owner.unlink(conn, [article_id])
    record_deletes(conn, [article_id])
    record_country_deletes(conn, [article_id])
    deleted = conn.execute(sa.delete(articles).where(articles.c.id == article_id)).rowcount
    if deleted:
        append_changes(conn, [(article_id, "delete")], now)
    return bool(deleted)


def _stored_fingerprints(conn: Connection, ids: set[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        stmt = sa.select(articles.c.id, articles.c.fingerprint).where(articles.c.id.in_(chunk))
        found.update((row.id, row.fingerprint) for row in conn.execute(stmt))
    return found


def _write_rows(
    conn: Connection, items: Iterable[EncodedArticle], seqs: dict[str, int], now: datetime
) -> None:
    rows = [{**item.row, "created_at": now, "seq": seqs[item.id]} for item in items]
    if not rows:
        return
    update = [c.name for c in articles.columns if c.name not in _KEPT_ON_UPDATE]
    stmt = upsert(conn.dialect.name, articles, ["id"], update)
    for start in range(0, len(rows), CHUNK):
        conn.execute(stmt, rows[start : start + CHUNK])


def _replace_children(
    conn: Connection, items: Iterable[EncodedArticle], replacing: Sequence[str]
) -> None:
    owners = registered_stage_tables()
    stage_tables = [t for owner in owners for t in owner.tables]
    for linked in owners:
        if isinstance(linked, StageLinks):
            linked.unlink(conn, replacing)
    for start in range(0, len(replacing), CHUNK):
        chunk = replacing[start : start + CHUNK]
        for table in (*_CHILD_TABLES, *stage_tables):
            conn.execute(sa.delete(table).where(table.c.article_id.in_(chunk)))
    materialised = list(items)
    for linked in owners:  # rows pointing at rows shared across articles get their links
        if isinstance(linked, StageLinks):
            linked.link(conn, _rows_of(linked.tables, materialised))
    for table in stage_tables:
        insert_rows(
            conn, table, [r for i in materialised for r in i.stage_rows.get(table.name, ())]
        )
    for owner in owners:  # rows shared by all articles (an entity catalog) after their own
        if isinstance(owner, StageCatalog):
            owner.write_catalog(conn, _rows_of(owner.tables, materialised))
    for table, rows in (
        (article_countries, [r for i in materialised for r in i.countries]),
        (article_authors, [r for i in materialised for r in i.authors]),
        (article_regions, [r for i in materialised for r in i.regions]),
        (near_duplicate_keys, [r for i in materialised for r in i.keys]),
    ):
        insert_rows(conn, table, rows)


def _rows_of(tables: Sequence[sa.Table], items: Sequence[EncodedArticle]) -> dict[str, list[Row]]:
    return {t.name: [r for i in items for r in i.stage_rows.get(t.name, ())] for t in tables}
