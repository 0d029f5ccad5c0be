"""Keeping the browse listings and the article counts in step with every article write.

``article_writes`` calls these inside its transaction, before it changes the article rows: the
previous state is read from the rows still stored, the listing rows of what changed are replaced
and the counts move by the difference, so a count is never recomputed from the articles.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from worldbrief.store.article_codec import EncodedArticle
from worldbrief.store.schema import (
    article_countries,
    article_counts,
    article_regions,
    articles,
    country_listings,
    region_listings,
)

CHUNK = 500
CountKey = tuple[str, str]  # (facet, key)


@dataclass(frozen=True, slots=True)
class Placement:
    """What browsing knows of one article: where it is listed and what it is counted under."""

    article_id: str
    published_at: datetime
    type: str
    access: str
    countries: frozenset[tuple[str, float]]  # (code, focus score), one per code
    regions: frozenset[str]

    def count_keys(self) -> list[CountKey]:
        year = f"{self.published_at.astimezone(UTC).year:04d}"
        return [
            ("all", ""),
            ("type", self.type),
            ("access", self.access),
            ("year", year),
            *(("country", code) for code, _ in self.countries),
            *(("region", region) for region in self.regions),
        ]


def record_writes(
    conn: Connection, written: Iterable[EncodedArticle], replacing: Sequence[str]
) -> None:
    """``written`` are about to be stored; ``replacing`` are those of them stored already."""
    after = [_placement_of(item) for item in written]
    before = stored_placements(conn, replacing)
    _apply(conn, before, after)


def record_deletes(conn: Connection, article_ids: Sequence[str]) -> None:
    """The articles ``article_ids`` are about to be deleted."""
    _apply(conn, stored_placements(conn, article_ids), [])


def stored_placements(conn: Connection, article_ids: Sequence[str]) -> list[Placement]:
    found: list[Placement] = []
    for start in range(0, len(article_ids), CHUNK):
        found.extend(_stored_chunk(conn, article_ids[start : start + CHUNK]))
    return found


def _stored_chunk(conn: Connection, ids: Sequence[str]) -> list[Placement]:
    a, c, r = articles, article_countries, article_regions
    rows = conn.execute(
        sa.select(a.c.id, a.c.published_at, a.c.type, a.c.access).where(a.c.id.in_(ids))
    ).all()
    if not rows:
        return []
    countries: defaultdict[str, list[tuple[str, float]]] = defaultdict(list)
    for article_id, code, score in conn.execute(
        sa.select(c.c.article_id, c.c.code, c.c.score).where(c.c.article_id.in_(ids), c.c.focus)
    ):
        countries[article_id].append((code, float(score)))
    regions: defaultdict[str, set[str]] = defaultdict(set)
    for article_id, region in conn.execute(
        sa.select(r.c.article_id, r.c.region_id).where(r.c.article_id.in_(ids))
    ):
        regions[article_id].add(region)
    return [
        Placement(
            row.id,
            row.published_at,
            row.type,
            row.access,
            _strongest(countries[row.id]),
            frozenset(regions[row.id]),
        )
        for row in rows
    ]


def _placement_of(item: EncodedArticle) -> Placement:
    row = item.row
    return Placement(
        article_id=item.id,
        published_at=row["published_at"],
        type=row["type"],
        access=row["access"],
        countries=_strongest((c["code"], float(c["score"])) for c in item.countries if c["focus"]),
        regions=frozenset(r["region_id"] for r in item.regions),
    )


def _strongest(mentions: Iterable[tuple[str, float]]) -> frozenset[tuple[str, float]]:
    """Each code once, with its highest score (an article may name a country twice)."""
    best: dict[str, float] = {}
    for code, score in mentions:
        best[code] = max(score, best.get(code, score))
    return frozenset(best.items())


def _apply(conn: Connection, before: list[Placement], after: list[Placement]) -> None:
    unchanged = set(before) & set(after)
    removed = [p for p in before if p not in unchanged]
    added = [p for p in after if p not in unchanged]
    if not removed and not added:
        return
    for table, key, attribute in (
        (country_listings, "code", "countries"),
        (region_listings, "region_id", "regions"),
    ):
        old = [_listing_row(p, key, k) for p in removed for k in getattr(p, attribute)]
        new = [_listing_row(p, key, k) for p in added for k in getattr(p, attribute)]
        if old:
            conn.execute(
                sa.delete(table).where(
                    table.c[key] == sa.bindparam("b_key"),
                    table.c.published_at == sa.bindparam("b_published_at"),
                    table.c.article_id == sa.bindparam("b_article_id"),
                ),
                [
                    {
                        "b_key": row[key],
                        "b_published_at": row["published_at"],
                        "b_article_id": row["article_id"],
                    }
                    for row in old
                ],
            )
        for start in range(0, len(new), CHUNK * 4):
            conn.execute(sa.insert(table), new[start : start + CHUNK * 4])
    deltas: Counter[CountKey] = Counter()
    for placement in added:
        deltas.update(placement.count_keys())
    for placement in removed:
        deltas.subtract(placement.count_keys())
    _add_to_counts(conn, deltas)


def _listing_row(
    placement: Placement, key: str, value: str | tuple[str, float]
) -> dict[str, object]:
    """A country listing row from ``(code, score)``, a region one from its id."""
    scored = {"score": value[1]} if isinstance(value, tuple) else {}
    return {
        key: value[0] if isinstance(value, tuple) else value,
        "published_at": placement.published_at,
        "article_id": placement.article_id,
        "type": placement.type,
        "access": placement.access,
        **scored,
    }


def _add_to_counts(conn: Connection, deltas: Counter[CountKey]) -> None:
    # Sorted, so concurrent writers on PostgreSQL lock the count rows in one order.
    rows = [
        {"facet": facet, "key": key, "articles": delta}
        for (facet, key), delta in sorted(deltas.items())
        if delta
    ]
    if not rows:
        return
    insert = (sqlite.insert if conn.dialect.name == "sqlite" else postgresql.insert)(article_counts)
    stmt = insert.on_conflict_do_update(
        index_elements=[article_counts.c.facet, article_counts.c.key],
        set_={"articles": article_counts.c.articles + insert.excluded.articles},
    )
    conn.execute(stmt, rows)
