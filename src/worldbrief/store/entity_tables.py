"""Named entities in tables of their own (``article_entities``, ``entities``), for the
``entities`` enrichment stage; and the reads that go with them.

Each article's entities are rows of ``article_entities`` as that article names them, so the
article reads back exactly as enriched. The ``entities`` catalog keeps one row per id, with
first and last seen; it is written with the article rows, in the same transaction. When
articles are deleted or rewritten, an entity no remaining article names leaves the catalog,
and one still named keeps the first and last seen of the articles left.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.domain import Article, EntityType, NamedEntity, Span
from worldbrief.domain.entities import KnownEntity
from worldbrief.store.bulk_insert import insert_rows
from worldbrief.store.schema import article_entities, entities

Row = dict[str, Any]
MAX_ALIASES = 40  # a catalog row keeps this many of the aliases seen, first seen first
_CHUNK = 500  # ids in one IN list


class EntityTables:
    """Keeps ``enrichment.entities`` in ``article_entities`` and the ``entities`` catalog."""

    field = "entities"
    tables = (article_entities,)

    def rows(self, article: Article) -> Mapping[str, list[Row]]:
        return {
            article_entities.name: [
                {
                    "position": i,
                    "entity_id": e.id,
                    "name": e.name,
                    "type": e.type.value,
                    "aliases": list(e.aliases),
                    "countries": list(e.countries),
                    "mentions": [s.as_list() for s in e.mentions],
                    "published_at": article.published_at,
                }
                for i, e in enumerate(article.enrichment.entities)
            ]
        }

    def value(self, rows: Mapping[str, Sequence[Mapping[Any, Any]]]) -> object:
        return tuple(
            NamedEntity(
                id=r["entity_id"],
                name=r["name"],
                type=EntityType(r["type"]),
                mentions=tuple(Span(start, end) for start, end in r["mentions"]),
                aliases=tuple(r["aliases"]),
                countries=tuple(r["countries"]),
            )
            for r in rows.get(article_entities.name, ())
        )

    def link(self, conn: Connection, rows: Mapping[str, Sequence[Row]]) -> None:
        """Nothing to set: entity rows name their catalog entry by id alone."""

    def unlink(self, conn: Connection, article_ids: Sequence[str]) -> None:
        """Delete the entity rows of ``article_ids`` and take their entities out of the
        catalog when no other article names them; one still named whose first or last seen
        came from a deleted row gets those of the articles left. Each test is an index lookup
        (``EXISTS``, ``min``, ``max`` on ``(entity_id, published_at)``), so an entity named by
        many articles costs no more than a rare one."""
        ae = article_entities
        span: dict[str, tuple[datetime, datetime]] = {}  # of the deleted rows, by entity
        for start in range(0, len(article_ids), _CHUNK):
            chunk = list(article_ids[start : start + _CHUNK])
            deleted = conn.execute(
                sa.select(
                    ae.c.entity_id, sa.func.min(ae.c.published_at), sa.func.max(ae.c.published_at)
                )
                .where(ae.c.article_id.in_(chunk))
                .group_by(ae.c.entity_id)
            ).all()
            for entity_id, first, last in deleted:
                old = span.get(entity_id)
                span[entity_id] = (
                    (first, last) if old is None else (min(old[0], first), max(old[1], last))
                )
            conn.execute(sa.delete(ae).where(ae.c.article_id.in_(chunk)))
        ids = sorted(span)
        named = sa.exists().where(ae.c.entity_id == entities.c.id)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            conn.execute(sa.delete(entities).where(entities.c.id.in_(chunk), ~named))
            stored = conn.execute(
                sa.select(entities.c.id, entities.c.first_seen, entities.c.last_seen).where(
                    entities.c.id.in_(chunk)
                )
            ).all()
            narrowed = [
                entity_id
                for entity_id, first, last in stored
                if _utc(first) >= _utc(span[entity_id][0]) or _utc(last) <= _utc(span[entity_id][1])
            ]
            if narrowed:
                left = sa.select(ae.c.published_at).where(ae.c.entity_id == entities.c.id)
                first_left = left.with_only_columns(sa.func.min(ae.c.published_at))
                last_left = left.with_only_columns(sa.func.max(ae.c.published_at))
                conn.execute(
                    sa.update(entities)
                    .where(entities.c.id.in_(narrowed))
                    .values(
                        first_seen=first_left.scalar_subquery(),
                        last_seen=last_left.scalar_subquery(),
                    )
                )

    def write_catalog(self, conn: Connection, rows: Mapping[str, Sequence[Row]]) -> None:
        """Add the entities of freshly written ``article_entities`` rows to the catalog: a new
        id is inserted; a known one widens its first/last seen and gains new aliases."""
        seen: dict[str, Row] = {}
        for row in rows.get(article_entities.name, ()):
            entry = seen.get(row["entity_id"])
            moment = row["published_at"]
            if entry is None:
                seen[row["entity_id"]] = {
                    "id": row["entity_id"],
                    "name": row["name"],
                    "type": row["type"],
                    "aliases": list(row["aliases"]),
                    "countries": list(row["countries"]),
                    "first_seen": moment,
                    "last_seen": moment,
                }
                continue
            entry["aliases"] = _union(entry["aliases"], row["aliases"])
            entry["countries"] = _union(entry["countries"], row["countries"])
            entry["first_seen"] = min(entry["first_seen"], moment)
            entry["last_seen"] = max(entry["last_seen"], moment)
        if not seen:
            return
        ids = sorted(seen)
        stored: dict[str, Row] = {}
        for start in range(0, len(ids), 500):
            stmt = sa.select(entities).where(entities.c.id.in_(ids[start : start + 500]))
            stored.update((r["id"], dict(r)) for r in conn.execute(stmt).mappings())
        inserts: list[Row] = []
        for entity_id, entry in seen.items():
            old = stored.get(entity_id)
            if old is None:
                inserts.append({**entry, "aliases": entry["aliases"][:MAX_ALIASES]})
                continue
            changed = {
                "aliases": _union(old["aliases"], entry["aliases"])[:MAX_ALIASES],
                "countries": _union(old["countries"], entry["countries"]),
                "first_seen": min(old["first_seen"], entry["first_seen"]),
                "last_seen": max(old["last_seen"], entry["last_seen"]),
            }
            if any(old[k] != v for k, v in changed.items()):
                conn.execute(sa.update(entities).where(entities.c.id == entity_id), [changed])
        insert_rows(conn, entities, inserts)


def _utc(moment: datetime) -> datetime:
    """Aggregates over a column read back as stored text on some databases: a datetime either
    way, in UTC, so moments compare."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _union(first: Sequence[str], second: Sequence[str]) -> list[str]:
    return list(dict.fromkeys([*first, *second]))


def known_entity(conn: Connection, entity_id: str) -> KnownEntity | None:
    row = conn.execute(sa.select(entities).where(entities.c.id == entity_id)).mappings().first()
    return catalog_entity(row) if row is not None else None


def catalog_entity(row: Mapping[Any, Any]) -> KnownEntity:
    """One row of the ``entities`` catalog as the entity it records."""
    return KnownEntity(
        id=row["id"],
        name=row["name"],
        type=EntityType(row["type"]),
        aliases=tuple(row["aliases"]),
        countries=tuple(row["countries"]),
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
    )


def entity_article_ids(
    conn: Connection,
    entity_id: str,
    limit: int,
    before: tuple[datetime, str] | None = None,
) -> list[tuple[str, datetime]]:
    """Ids and publication times of the articles naming ``entity_id``, newest first, after
    the keyset ``before`` ((published_at, article id) of the last one of the previous page):
    one range of the index on (entity_id, published_at, article_id)."""
    ae = article_entities
    stmt = (
        sa.select(ae.c.article_id, ae.c.published_at)
        .where(ae.c.entity_id == entity_id)
        .order_by(ae.c.published_at.desc(), ae.c.article_id.desc())
        .limit(limit)
    )
    if before is not None:
        published_at, article_id = before
        stmt = stmt.where(
            sa.or_(
                ae.c.published_at < published_at,
                sa.and_(ae.c.published_at == published_at, ae.c.article_id < article_id),
            )
        )
    return [(row.article_id, row.published_at) for row in conn.execute(stmt)]
