"""Reading the article counts that ``browse_index`` keeps: one row per facet value."""

from __future__ import annotations

from typing import Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.store.records import ListingQuery
from worldbrief.store.schema import article_counts

CountFacet = Literal["all", "country", "region", "type", "access", "year"]


def counts(conn: Connection, facet: CountFacet) -> dict[str, int]:
    """Articles per value of ``facet``; values without articles are left out."""
    ac = article_counts
    stmt = sa.select(ac.c.key, ac.c.articles).where(ac.c.facet == facet, ac.c.articles > 0)
    return {key: int(n) for key, n in conn.execute(stmt)}


def count_of(conn: Connection, facet: CountFacet, key: str = "") -> int:
    ac = article_counts
    stmt = sa.select(ac.c.articles).where(ac.c.facet == facet, ac.c.key == key)
    return int(conn.execute(stmt).scalar() or 0)


def listing_total(conn: Connection, query: ListingQuery) -> int | None:
    """How many articles ``query`` lists in all, when a kept count says so: no filter, or one
    country, one region, one type or one access level alone. None otherwise."""
    if query.date_from is not None or query.date_to is not None:
        return None
    asked: list[tuple[CountFacet, str]] = [
        *(("country", c.strip().upper()) for c in set(query.countries)),
        *(("region", r) for r in set(query.regions)),
        *(("type", t.value) for t in set(query.types)),
        *(("access", a.value) for a in (query.access,) if a is not None),
    ]
    if not asked:
        return count_of(conn, "all")
    if len(asked) == 1:
        return count_of(conn, *asked[0])
    return None
