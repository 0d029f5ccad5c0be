"""Distinct events, linked across the articles that report them.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30

``events`` holds one row per distinct event: type, subtype, date (``event_date``, ISO text, and
``week``, its Monday), the place of its first report (``place`` JSON, ``place_country``,
``place_admin1``, ``lat``, ``lon``), the actors of all its reports (JSON), the most fatalities
any report gives, when it was first and last reported and by how many articles (``sources``).
``event_entities`` lists the known entities among each event's actors by (entity, date).
``article_events.event_id`` points each report at its event. Linking happens as articles are
written (``store.event_links``); the reports already stored are linked here, in order of
publication, by the same rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from worldbrief.events.linking import LinkKey, best_match
from worldbrief.store.dialect import UtcDateTime, json_document
from worldbrief.store.event_links import event_id_for, event_summary, link_key

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 1000
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("subtype", sa.Text, nullable=False),
        sa.Column("event_date", sa.Text),
        sa.Column("date_precision", sa.Text),
        sa.Column("week", sa.Text),
        sa.Column("place", json_document()),
        sa.Column("place_country", sa.Text),
        sa.Column("place_admin1", sa.Text),
        sa.Column("lat", sa.Double),
        sa.Column("lon", sa.Double),
        sa.Column("actors", json_document(), nullable=False),
        sa.Column("fatalities", sa.Integer),
        sa.Column("fatalities_approximate", sa.Boolean, nullable=False),
        sa.Column("first_reported", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_reported", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sources", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    op.create_index(
        "ix_events_subtype_place_country_event_date",
        "events",
        ["subtype", "place_country", "event_date"],
    )
    op.create_index(
        "ix_events_place_country_event_date_id", "events", ["place_country", "event_date", "id"]
    )
    op.create_index(
        "ix_events_place_country_week_type", "events", ["place_country", "week", "type"]
    )
    op.create_index("ix_events_type_week", "events", ["type", "week"])
    op.create_index("ix_events_event_date_id", "events", ["event_date", "id"])
    op.create_table(
        "event_entities",
        sa.Column("entity_id", sa.Text, nullable=False),
        sa.Column("event_date", sa.Text, nullable=False),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("entity_id", "event_date", "event_id", name="pk_event_entities"),
        sqlite_with_rowid=False,
    )
    op.add_column("article_events", sa.Column("event_id", sa.Text))
    op.create_index("ix_article_events_event_id", "article_events", ["event_id"])
    _link_stored_reports()


def _link_stored_reports() -> None:
    """Link the reports stored so far as ``store.event_links`` links new ones, in memory: the
    stage that writes reports is as new as this revision, so stores hold few of them."""
    conn = op.get_bind()
    ae, articles = _tables()
    stmt = (
        sa.select(*ae.c, articles.c.published_at)
        .join(articles, articles.c.id == ae.c.article_id)
        .order_by(articles.c.published_at, ae.c.article_id, ae.c.position)
    )
    reports: dict[str, list[dict[str, Any]]] = {}  # by event id, first published first
    keys: dict[str, LinkKey] = {}
    by_kind: dict[tuple[str, str | None], list[str]] = {}
    used: dict[str, set[str]] = {}
    links: list[dict[str, Any]] = []
    for row in conn.execute(stmt).mappings():
        report = dict(row)
        key = link_key(report)
        taken = used.setdefault(report["article_id"], set())
        found = None
        if key.linkable:
            candidates = [
                (i, keys[i]) for i in by_kind.get((key.subtype, key.country), ()) if i not in taken
            ]
            found = best_match(key, candidates)
        if found is None:
            attempt = 0
            while event_id_for(report, attempt) in reports:
                attempt += 1
            found = event_id_for(report, attempt)
            reports[found] = []
            by_kind.setdefault((key.subtype, key.country), []).append(found)
        reports[found].append(report)
        summary = event_summary(reports[found])
        keys[found] = link_key({**summary, "subtype": report["subtype"]})
        taken.add(found)
        links.append({"a": report["article_id"], "p": report["position"], "e": found})
    _write_links(conn, reports, links)


def _write_links(
    conn: sa.Connection, reports: dict[str, list[dict[str, Any]]], links: list[dict[str, Any]]
) -> None:
    events, event_entities = _event_tables()
    rows: list[dict[str, Any]] = []
    named: list[dict[str, Any]] = []
    for event_id, told in reports.items():
        summary = event_summary(told)
        rows.append(
            {"id": event_id, "type": told[0]["type"], "subtype": told[0]["subtype"], **summary}
        )
        named.extend(
            {"entity_id": e, "event_date": summary["event_date"] or "", "event_id": event_id}
            for e in dict.fromkeys(a["entity_id"] for a in summary["actors"] if a["entity_id"])
        )
    for table, values in ((events, rows), (event_entities, named)):
        for start in range(0, len(values), _BATCH):
            conn.execute(sa.insert(table), values[start : start + _BATCH])
    ae, _ = _tables()
    update = (
        sa.update(ae)
        .where(ae.c.article_id == sa.bindparam("a"), ae.c.position == sa.bindparam("p"))
        .values(event_id=sa.bindparam("e"))
    )
    for start in range(0, len(links), _BATCH):
        conn.execute(update, links[start : start + _BATCH])


def _tables() -> tuple[sa.TableClause, sa.TableClause]:
    """``article_events`` and ``articles`` as this revision leaves them (what is read)."""
    ae = sa.table(
        "article_events",
        *(sa.column(n) for n in ("article_id", "position", "type", "subtype", "event_date")),
        *(sa.column(n) for n in ("date_precision", "place_country", "place_admin1")),
        sa.column("place", json_document()),
        sa.column("actors", json_document()),
        *(sa.column(n) for n in ("fatalities", "event_id")),
        sa.column("fatalities_approximate", sa.Boolean),
    )
    articles = sa.table("articles", sa.column("id"), sa.column("published_at", UtcDateTime))
    return ae, articles


def _event_tables() -> tuple[sa.TableClause, sa.TableClause]:
    events = sa.table(
        "events",
        *(sa.column(n) for n in ("id", "type", "subtype", "event_date", "date_precision")),
        *(sa.column(n) for n in ("week", "place_country", "place_admin1", "lat", "lon")),
        sa.column("place", json_document()),
        sa.column("actors", json_document()),
        sa.column("fatalities"),
        sa.column("fatalities_approximate", sa.Boolean),
        sa.column("first_reported", UtcDateTime),
        sa.column("last_reported", UtcDateTime),
        sa.column("sources"),
    )
    event_entities = sa.table(
        "event_entities", sa.column("entity_id"), sa.column("event_date"), sa.column("event_id")
    )
    return events, event_entities


def downgrade() -> None:
    op.drop_index("ix_article_events_event_id", table_name="article_events")
    with op.batch_alter_table("article_events", naming_convention=NAMING_CONVENTION) as batch:
        batch.drop_column("event_id")
    op.drop_table("event_entities")
    op.drop_table("events")
