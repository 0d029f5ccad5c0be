"""Weekly article counts per country and article counts per place, for country pages.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30

``country_weeks`` holds the number of articles per focus country and ISO week (``week``: the
Monday, UTC, as ``YYYY-MM-DD``). ``country_places`` holds, per country and place (``place_key``:
the GeoNames id, or ``name@lat,lon`` for a place without one), the place's name, first-level
division, feature code, coordinates and the number of articles naming it, indexed by
``(code, articles)`` so the most named places of a country are one index range;
``place_listings`` lists each place's articles by ``(code, place_key, published_at,
article_id)``. ``store.country_index`` keeps them with every article write; they are filled
here from what is stored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 2000


def upgrade() -> None:
    op.create_table(
        "country_weeks",
        sa.Column("code", sa.Text, nullable=False),
        sa.Column("week", sa.Text, nullable=False),
        sa.Column("articles", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("code", "week", name="pk_country_weeks"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "country_places",
        sa.Column("code", sa.Text, nullable=False),
        sa.Column("place_key", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("admin1", sa.Text),
        sa.Column("feature", sa.Text, nullable=False),
        sa.Column("lat", sa.Double, nullable=False),
        sa.Column("lon", sa.Double, nullable=False),
        sa.Column("articles", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("code", "place_key", name="pk_country_places"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "place_listings",
        sa.Column("code", sa.Text, nullable=False),
        sa.Column("place_key", sa.Text, nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("article_id", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint(
            "code", "place_key", "published_at", "article_id", name="pk_place_listings"
        ),
        sqlite_with_rowid=False,
    )
    _fill()
    op.create_index("ix_country_places_code_articles", "country_places", ["code", "articles"])


def _week(moment: datetime) -> str:
    day = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC).date()
    return (day - timedelta(days=day.weekday())).isoformat()


def _fill() -> None:
    """From the stored articles, in batches by id; the rules are those of
    ``store.country_index`` at this revision, written out so the migration stays as it is."""
    conn = op.get_bind()
    a = sa.table(
        "articles",
        sa.column("id", sa.Text),
        sa.column("published_at", sa.DateTime(timezone=True)),
        sa.column("places", sa.JSON),
    )
    c = sa.table(
        "article_countries",
        sa.column("article_id", sa.Text),
        sa.column("code", sa.Text),
        sa.column("focus", sa.Boolean),
    )
    weeks: Counter[tuple[str, str]] = Counter()
    places: dict[tuple[str, str], dict[str, Any]] = {}
    listings = sa.table(
        "place_listings",
        sa.column("code", sa.Text),
        sa.column("place_key", sa.Text),
        sa.column("published_at", sa.DateTime(timezone=True)),
        sa.column("article_id", sa.Text),
    )
    after = ""
    while True:
        rows = conn.execute(
            sa.select(a.c.id, a.c.published_at, a.c.places)
            .where(a.c.id > after)
            .order_by(a.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            break
        after = rows[-1].id
        ids = [r.id for r in rows]
        focus: dict[str, set[str]] = {}
        for article_id, code in conn.execute(
            sa.select(c.c.article_id, c.c.code).where(c.c.article_id.in_(ids), c.c.focus)
        ):
            focus.setdefault(article_id, set()).add(code)
        listed = []
        for row in rows:
            week = _week(row.published_at)
            for code in focus.get(row.id, ()):
                weeks[(code, week)] += 1
            seen: set[tuple[str, str]] = set()
            for p in row.places or ():
                code, feature = p.get("country") or "", p.get("feature") or ""
                if not code or feature.startswith("A.PCL"):
                    continue
                lat, lon = float(p["lat"]), float(p["lon"])
                gid = p.get("geonameid")
                key = str(gid) if gid is not None else f"{p['name']}@{lat:.3f},{lon:.3f}"
                if (code, key) in seen:
                    continue
                seen.add((code, key))
                entry = places.setdefault(
                    (code, key),
                    {
                        "code": code,
                        "place_key": key,
                        "name": p["name"],
                        "admin1": p.get("admin1"),
                        "feature": feature,
                        "lat": lat,
                        "lon": lon,
                        "articles": 0,
                    },
                )
                entry["articles"] += 1
                listed.append(
                    {
                        "code": code,
                        "place_key": key,
                        "published_at": row.published_at,
                        "article_id": row.id,
                    }
                )
        if listed:
            conn.execute(sa.insert(listings), listed)
    week_table = sa.table(
        "country_weeks",
        sa.column("code", sa.Text),
        sa.column("week", sa.Text),
        sa.column("articles", sa.BigInteger),
    )
    place_table = sa.table(
        "country_places",
        *(sa.column(n) for n in ("code", "place_key", "name", "admin1", "feature")),
        sa.column("lat", sa.Float),
        sa.column("lon", sa.Float),
        sa.column("articles", sa.BigInteger),
    )
    week_rows = [{"code": k, "week": w, "articles": n} for (k, w), n in sorted(weeks.items())]
    for start in range(0, len(week_rows), _BATCH):
        conn.execute(sa.insert(week_table), week_rows[start : start + _BATCH])
    place_rows = [places[k] for k in sorted(places)]
    for start in range(0, len(place_rows), _BATCH):
        conn.execute(sa.insert(place_table), place_rows[start : start + _BATCH])


def downgrade() -> None:
    op.drop_index("ix_country_places_code_articles", "country_places")
    op.drop_table("place_listings")
    op.drop_table("country_places")
    op.drop_table("country_weeks")
