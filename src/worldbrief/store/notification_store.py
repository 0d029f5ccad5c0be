"""``NotificationStore``: an account's alerts as its in-site notifications (newest first, read
or unread) and the unread count the site header shows.

The header asks on every page a signed-in reader opens, so the count is one statement over the
``(watchlist_id, id)`` index of ``alerts``, bounded by ``cap``: only alerts newer than the
account's read mark (kept in ``alert_cursors`` as ``notifications:ACCOUNT``, moved by "mark
all read") and not read one by one are counted, so a reader with years of read alerts costs
what a new one does.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from worldbrief.domain.watchlists import Alert
from worldbrief.store.alert_tables import alert_cursors, alerts, watchlists
from worldbrief.store.article_store import ArticleStore
from worldbrief.store.engine import store_connection
from worldbrief.store.errors import redact_url
from worldbrief.store.watchlist_codec import alert_of


def read_mark_name(account_id: int) -> str:
    return f"notifications:{account_id}"


class NotificationStore:
    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @classmethod
    def alongside(cls, store: ArticleStore) -> NotificationStore:
        return cls(store.engine, store.url)

    def __repr__(self) -> str:
        return f"NotificationStore({redact_url(self.url)!r})"

    def newest(
        self, account_id: int, limit: int, before: int | None = None
    ) -> list[tuple[Alert, str]]:
        """The account's alerts older than alert ``before`` (all when None), newest first,
        each with its watchlist's name: a keyset page that reads at most ``limit`` entries of
        the ``(watchlist_id, id)`` index per watchlist of the account, never a sort of all its
        alerts, so a page costs the same after a million alerts as after ten."""
        if limit < 1:
            return []
        with self._connection("newest_notifications") as conn:
            page = _newest_ids(conn.dialect.name, account_id, limit, before).subquery("page")
            stmt = (
                sa.select(alerts, watchlists.c.name.label("watchlist_name"))
                .join(watchlists, watchlists.c.id == alerts.c.watchlist_id)
                .where(alerts.c.id.in_(sa.select(page.c.id)))
                .order_by(alerts.c.id.desc())
            )
            return [(alert_of(r), str(r["watchlist_name"])) for r in conn.execute(stmt).mappings()]

    def unread_count(self, account_id: int, cap: int) -> int:
        """Unread alerts of the account, counted up to ``cap``."""
        mark = (
            sa.select(alert_cursors.c.seq)
            .where(alert_cursors.c.name == read_mark_name(account_id))
            .scalar_subquery()
        )
        with self._connection("unread_notifications") as conn:
            unread = _unread_ids(conn.dialect.name, account_id, sa.func.coalesce(mark, 0), cap)
            stmt = sa.select(sa.func.count()).select_from(unread.subquery())
            return int(conn.execute(stmt).scalar_one())

    def mark_read(self, account_id: int, alert_id: int, now: datetime) -> bool:
        """Mark one of the account's alerts read; False when it has no such alert."""
        stmt = (
            sa.update(alerts)
            .where(alerts.c.id == alert_id, alerts.c.watchlist_id.in_(_owned_ids(account_id)))
            .values(read_at=sa.func.coalesce(alerts.c.read_at, now))
            .returning(alerts.c.id)
        )
        with self._connection("mark_notification_read", write=True) as conn:
            return conn.execute(stmt).first() is not None

    def mark_all_read(self, account_id: int, now: datetime) -> int:
        """Mark every alert of the account stored so far read, and move its read mark past
        them, in one transaction; returns how many were unread."""
        with self._connection("mark_notifications_read", write=True) as conn:
            newest = conn.execute(sa.select(sa.func.max(alerts.c.id))).scalar()
            if newest is None:
                return 0
            name = read_mark_name(account_id)
            mark = conn.execute(
                sa.select(alert_cursors.c.seq).where(alert_cursors.c.name == name)
            ).scalar()
            changed = conn.execute(
                sa.update(alerts)
                .where(
                    alerts.c.watchlist_id.in_(_owned_ids(account_id)),
                    alerts.c.id > (mark or 0),
                    alerts.c.id <= newest,
                    alerts.c.read_at.is_(None),
                )
                .values(read_at=now)
            ).rowcount
            _set_mark(conn, name, int(newest), int(mark) if mark is not None else None, now)
        return int(changed or 0)

    @contextmanager
    def _connection(self, operation: str, *, write: bool = False) -> Iterator[Connection]:
        with store_connection(self.engine, self.url, operation, write=write) as conn:
            yield conn


def _newest_ids(dialect: str, account_id: int, limit: int, before: int | None) -> sa.Select[Any]:
    """The ids of the account's newest ``limit`` alerts older than ``before``, at most
    ``limit`` read from each of its watchlists' range of ``alerts (watchlist_id, id)``.
    PostgreSQL asks per watchlist (a lateral subquery): given a bound to compute per
    watchlist, its planner may hash-join every alert instead. SQLite has no LATERAL: each
    watchlist's range starts at the id of its ``limit``-th newest alert (one seek with
    OFFSET), which SQLite takes as the range's bound for each watchlist in turn."""
    owned = watchlists.alias("owned")
    below = [alerts.c.id < before] if before is not None else []
    if dialect == "postgresql":
        newest = (
            sa.select(alerts.c.id)
            .where(alerts.c.watchlist_id == owned.c.id, *below)
            .order_by(alerts.c.id.desc())
            .limit(limit)
            .lateral("newest")
        )
        return (
            sa.select(newest.c.id)
            .select_from(owned.join(newest, sa.true()))
            .where(owned.c.account_id == account_id)
            .order_by(newest.c.id.desc())
            .limit(limit)
        )
    older = alerts.alias("older")
    bound = (
        sa.select(older.c.id)
        .where(older.c.watchlist_id == owned.c.id, *([older.c.id < before] if below else []))
        .order_by(older.c.id.desc())
        .offset(limit - 1)
        .limit(1)
        .scalar_subquery()
    )
    return (
        sa.select(alerts.c.id)
        .select_from(owned)
        .join(alerts, alerts.c.watchlist_id == owned.c.id)
        .where(owned.c.account_id == account_id, alerts.c.id >= sa.func.coalesce(bound, 0), *below)
        .order_by(alerts.c.id.desc())
        .limit(limit)
    )


def _owned_ids(account_id: int) -> sa.Select[tuple[int]]:
    return sa.select(watchlists.c.id).where(watchlists.c.account_id == account_id)


def _unread_ids(
    dialect: str, account_id: int, mark: sa.ColumnElement[int], cap: int
) -> sa.Select[tuple[int]]:
    """At most ``cap`` unread alerts of the account, each found by a range of the
    ``(watchlist_id, id)`` index. PostgreSQL asks per watchlist (a lateral subquery): given
    ``watchlist_id IN (...)`` its planner may walk every newer alert by primary key instead.
    SQLite searches the index once per value of the list."""
    unread = sa.and_(alerts.c.id > mark, alerts.c.read_at.is_(None))
    if dialect != "postgresql":
        return (
            sa.select(alerts.c.id)
            .where(alerts.c.watchlist_id.in_(_owned_ids(account_id)), unread)
            .limit(cap)
        )
    owned = watchlists.alias("owned")
    per_watchlist = (
        sa.select(alerts.c.id)
        .where(alerts.c.watchlist_id == owned.c.id, unread)
        .limit(cap)
        .lateral("unread")
    )
    return (
        sa.select(per_watchlist.c.id)
        .select_from(owned.join(per_watchlist, sa.true()))
        .where(owned.c.account_id == account_id)
        .limit(cap)
    )


def _set_mark(conn: Connection, name: str, seq: int, current: int | None, now: datetime) -> None:
    c = alert_cursors
    if current is None:
        conn.execute(sa.insert(c).values(name=name, seq=seq, updated_at=now))
    elif seq > current:
        conn.execute(sa.update(c).where(c.c.name == name).values(seq=seq, updated_at=now))
