"""Keeping the country-page tables in step with every article write, as ``browse_index`` keeps
the listings: the previous state is read from the rows still stored, and the counts move by the
difference, never recomputed from the articles.

``country_weeks`` counts articles per focus country and week; ``country_places`` counts the
articles naming each place of a country (any article, not only those about the country: a
dispatch about Russia that names Aktau puts Aktau on Kazakhstan's map), and ``place_listings``
lists them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from worldbrief.store.article_codec import EncodedArticle
from worldbrief.store.schema import (
    article_countries,
    articles,
    country_places,
    country_weeks,
    place_listings,
)

CHUNK = 500
COUNTRY_FEATURES = "A.PCL"  # a mention of the country itself is no point on its map


@dataclass(frozen=True, slots=True)
class PlacePoint:
    code: str
    place_key: str
    name: str
    admin1: str | None
    feature: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Footprint:
    """What the country pages count of one article."""

    article_id: str
    published_at: datetime
    weeks: frozenset[tuple[str, str]]  # (country code, week start)
    places: frozenset[PlacePoint]


def week_start(moment: datetime) -> str:
    """The Monday (UTC) of ``moment``'s ISO week, as ``YYYY-MM-DD``."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    day = aware.astimezone(UTC).date()
    return (day - timedelta(days=day.weekday())).isoformat()


def place_points(places: Iterable[Mapping[str, Any]]) -> frozenset[PlacePoint]:
    """Each place of a stored ``places`` list once, leaving out countries and places with no
    country."""
    found: dict[tuple[str, str], PlacePoint] = {}
    for p in places:
        code, feature = p.get("country") or "", p.get("feature") or ""
        if not code or feature.startswith(COUNTRY_FEATURES):
            continue
        lat, lon = float(p["lat"]), float(p["lon"])
        gid = p.get("geonameid")
        key = str(gid) if gid is not None else f"{p['name']}@{lat:.3f},{lon:.3f}"
        found.setdefault(
            (code, key), PlacePoint(code, key, p["name"], p.get("admin1"), feature, lat, lon)
        )
    return frozenset(found.values())


def record_country_writes(
    conn: Connection, written: Iterable[EncodedArticle], replacing: Sequence[str]
) -> None:
    """``written`` are about to be stored; ``replacing`` are those of them stored already."""
    after = [_footprint_of(item) for item in written]
    _apply(conn, _stored_footprints(conn, replacing), after)


def record_country_deletes(conn: Connection, article_ids: Sequence[str]) -> None:
    _apply(conn, _stored_footprints(conn, article_ids), [])


def _footprint_of(item: EncodedArticle) -> Footprint:
    # Places are read from the article row's JSON; a stage that took them into tables of its
    # own (article_codec) would leave it empty, and this would have to read its rows instead.
    published: datetime = item.row["published_at"]
    week = week_start(published)
    codes = {c["code"] for c in item.countries if c["focus"]}
    return Footprint(
        item.id,
        published,
        frozenset((code, week) for code in codes),
        place_points(item.row["places"]),
    )


def _stored_footprints(conn: Connection, article_ids: Sequence[str]) -> list[Footprint]:
    found: list[Footprint] = []
    a, c = articles, article_countries
    for start in range(0, len(article_ids), CHUNK):
        ids = article_ids[start : start + CHUNK]
        rows = conn.execute(
            sa.select(a.c.id, a.c.published_at, a.c.places).where(a.c.id.in_(ids))
        ).all()
        if not rows:
            continue
        codes: dict[str, set[str]] = {}
        for article_id, code in conn.execute(
            sa.select(c.c.article_id, c.c.code).where(c.c.article_id.in_(ids), c.c.focus)
        ):
            codes.setdefault(article_id, set()).add(code)
        for row in rows:
            week = week_start(row.published_at)
            found.append(
                Footprint(
                    row.id,
                    row.published_at,
                    frozenset((code, week) for code in codes.get(row.id, ())),
                    place_points(row.places or ()),
                )
            )
    return found


def _apply(conn: Connection, before: list[Footprint], after: list[Footprint]) -> None:
    unchanged = set(before) & set(after)
    removed = [f for f in before if f not in unchanged]
    added = [f for f in after if f not in unchanged]
    if not removed and not added:
        return
    old = [_listing_row(f, p) for f in removed for p in f.places]
    if old:
        t = place_listings
        conn.execute(
            sa.delete(t).where(
                t.c.code == sa.bindparam("b_code"),
                t.c.place_key == sa.bindparam("b_place_key"),
                t.c.published_at == sa.bindparam("b_published_at"),
                t.c.article_id == sa.bindparam("b_article_id"),
            ),
            [{f"b_{k}": v for k, v in row.items()} for row in old],
        )
    new = [_listing_row(f, p) for f in added for p in f.places]
    for start in range(0, len(new), CHUNK * 4):
        conn.execute(sa.insert(place_listings), new[start : start + CHUNK * 4])
    weeks: Counter[tuple[str, str]] = Counter()
    places: Counter[PlacePoint] = Counter()
    for sign, footprints in ((1, added), (-1, removed)):
        for f in footprints:
            for key in f.weeks:
                weeks[key] += sign
            for point in f.places:
                places[point] += sign
    _add_weeks(conn, weeks)
    _add_places(conn, places)


def _listing_row(footprint: Footprint, point: PlacePoint) -> dict[str, object]:
    return {
        "code": point.code,
        "place_key": point.place_key,
        "published_at": footprint.published_at,
        "article_id": footprint.article_id,
    }


def _insert(conn: Connection, table: sa.Table) -> Any:
    return (sqlite.insert if conn.dialect.name == "sqlite" else postgresql.insert)(table)


def _add_weeks(conn: Connection, deltas: Counter[tuple[str, str]]) -> None:
    # Sorted, so concurrent writers on PostgreSQL lock the rows in one order.
    rows = [
        {"code": code, "week": week, "articles": n}
        for (code, week), n in sorted(deltas.items())
        if n
    ]
    if not rows:
        return
    insert = _insert(conn, country_weeks)
    conn.execute(
        insert.on_conflict_do_update(
            index_elements=[country_weeks.c.code, country_weeks.c.week],
            set_={"articles": country_weeks.c.articles + insert.excluded.articles},
        ),
        rows,
    )


def _add_places(conn: Connection, deltas: Counter[PlacePoint]) -> None:
    merged: Counter[tuple[str, str]] = Counter()
    latest: dict[tuple[str, str], PlacePoint] = {}
    for point, n in deltas.items():
        merged[(point.code, point.place_key)] += n
        if n > 0 or (point.code, point.place_key) not in latest:
            latest[(point.code, point.place_key)] = point
    rows = [
        {
            "code": code,
            "place_key": key,
            "name": latest[(code, key)].name,
            "admin1": latest[(code, key)].admin1,
            "feature": latest[(code, key)].feature,
            "lat": latest[(code, key)].lat,
            "lon": latest[(code, key)].lon,
            "articles": n,
        }
        for (code, key), n in sorted(merged.items())
        if n
    ]
    if not rows:
        return
    insert = _insert(conn, country_places)
    t = country_places
    conn.execute(
        insert.on_conflict_do_update(
            index_elements=[t.c.code, t.c.place_key],
            set_={
                "articles": t.c.articles + insert.excluded.articles,
                "name": insert.excluded.name,
                "admin1": insert.excluded.admin1,
                "feature": insert.excluded.feature,
                "lat": insert.excluded.lat,
                "lon": insert.excluded.lon,
            },
        ),
        rows,
    )
