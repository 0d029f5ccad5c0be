"""``WatchlistStore``: watchlists, their inverted index and their alerts, in the store's
database (reach it with ``WatchlistStore.alongside(store)``).

A watchlist and its index terms are written in one transaction, so the alert pass never sees
one without the other. An alert pass records a batch's alerts and moves its cursor in one
transaction: a crash before the commit leaves both as they were (the batch is read again), one
after it leaves nothing to redo; and each alert is unique by (watchlist, kind, item), so a
batch read twice records nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from worldbrief.alerts.terms import anchor_terms
from worldbrief.domain.account import Account, Subscription
from worldbrief.domain.linked_events import LinkedEvent
from worldbrief.domain.watchlists import (
    PLACE_FACETS,
    Alert,
    AlertKind,
    AlertMatch,
    Delivery,
    Facet,
    WatchCriteria,
    Watchlist,
)
from worldbrief.store.account_rows import account_of, subscription_of
from worldbrief.store.alert_inserts import insert_alerts
from worldbrief.store.alert_tables import alert_cursors, alerts, watchlist_terms, watchlists
from worldbrief.store.article_store import ArticleStore
from worldbrief.store.change_log import max_seq
from worldbrief.store.engine import store_connection
from worldbrief.store.errors import redact_url
from worldbrief.store.event_context_reads import events_by_ids
from worldbrief.store.schema import accounts, article_events, articles, subscriptions
from worldbrief.store.watchlist_codec import (
    alert_of,
    criteria_json,
    watchlist_of,
)

CHANGES_CURSOR = "changes"  # the alert pass's place in the change log
_IDS_PER_STATEMENT = 500


class WatchlistStore:
    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @classmethod
    def alongside(cls, store: ArticleStore) -> WatchlistStore:
        return cls(store.engine, store.url)

    def __repr__(self) -> str:
        return f"WatchlistStore({redact_url(self.url)!r})"

    # Watchlists

    def create(
        self,
        owner_id: int | None,
        name: str,
        criteria: WatchCriteria,
        delivery: Delivery,
        *,
        atom_token_hash: str | None,
        now: datetime,
        existing: Callable[[Watchlist], bool] | None = None,
    ) -> Watchlist:
        """A new watchlist; or, when ``existing`` is given, the first of the owner's that meets
        it, looked for in the same write transaction (one writer at a time: no duplicate)."""
        kind, terms = anchor_terms(criteria)  # raises ValueError for empty criteria
        with self._connection("create_watchlist", write=True) as conn:
            if existing is not None and owner_id is not None:
                owned = _watchlists_where(conn, watchlists.c.account_id == owner_id)
                found = [w for w in owned if existing(w)]
                if found:
                    return found[0]
            new_id = conn.execute(
                sa.insert(watchlists)
                .values(
                    account_id=owner_id,
                    name=name,
                    criteria=criteria_json(criteria),
                    email_mode=delivery.email.value,
                    webhook_url=delivery.webhook_url,
                    atom_token_hash=atom_token_hash,
                    created_at=now,
                    updated_at=now,
                    created_seq=max_seq(conn),
                )
                .returning(watchlists.c.id)
            ).scalar_one()
            _write_terms(conn, int(new_id), kind, terms)
            found = _watchlists_where(conn, watchlists.c.id == new_id)
        return found[0]

    def update(
        self,
        watchlist_id: int,
        name: str,
        criteria: WatchCriteria,
        delivery: Delivery,
        *,
        now: datetime,
    ) -> Watchlist | None:
        """Replace the watchlist's name, criteria and delivery, and its index terms, in one
        transaction; None when it is gone. Its alerts, feed token and ``created_seq`` stay."""
        kind, terms = anchor_terms(criteria)  # raises ValueError for empty criteria
        with self._connection("update_watchlist", write=True) as conn:
            changed = conn.execute(
                sa.update(watchlists)
                .where(watchlists.c.id == watchlist_id)
                .values(
                    name=name,
                    criteria=criteria_json(criteria),
                    email_mode=delivery.email.value,
                    webhook_url=delivery.webhook_url,
                    updated_at=now,
                )
                .returning(watchlists.c.id)
            ).first()
            if changed is None:
                return None
            _write_terms(conn, watchlist_id, kind, terms)
            found = _watchlists_where(conn, watchlists.c.id == watchlist_id)
        return found[0]

    def get(self, watchlist_id: int) -> Watchlist | None:
        with self._connection("get_watchlist") as conn:
            found = _watchlists_where(conn, watchlists.c.id == watchlist_id)
        return found[0] if found else None

    def list_watchlists(self, owner_id: int | None = None) -> list[Watchlist]:
        """Every watchlist (of ``owner_id`` when given), oldest first."""
        where = sa.true() if owner_id is None else watchlists.c.account_id == owner_id
        with self._connection("list_watchlists") as conn:
            return _watchlists_where(conn, where)

    def delete(self, watchlist_id: int) -> bool:
        """Its index terms and alerts go with it."""
        with self._connection("delete_watchlist", write=True) as conn:
            deleted = conn.execute(
                sa.delete(watchlists)
                .where(watchlists.c.id == watchlist_id)
                .returning(watchlists.c.id)
            ).first()
        return deleted is not None

    def set_atom_token(self, watchlist_id: int, token_hash: str | None, now: datetime) -> bool:
        """Replace (or with None revoke) the watchlist's feed token; False when it is gone."""
        with self._connection("set_atom_token", write=True) as conn:
            changed = conn.execute(
                sa.update(watchlists)
                .where(watchlists.c.id == watchlist_id)
                .values(atom_token_hash=token_hash, updated_at=now)
                .returning(watchlists.c.id)
            ).first()
        return changed is not None

    def by_atom_token(self, token_hash: str) -> Watchlist | None:
        with self._connection("watchlist_by_atom_token") as conn:
            found = _watchlists_where(conn, watchlists.c.atom_token_hash == token_hash)
        return found[0] if found else None

    # The alert pass

    def pass_start(self) -> tuple[int | None, int | None]:
        """The pass's cursor (None before the first pass) and the oldest watchlist's
        ``created_seq`` (None without watchlists)."""
        with self._connection("alert_pass_start") as conn:
            cursor = conn.execute(
                sa.select(alert_cursors.c.seq).where(alert_cursors.c.name == CHANGES_CURSOR)
            ).scalar()
            earliest = conn.execute(sa.select(sa.func.min(watchlists.c.created_seq))).scalar()
        return (
            None if cursor is None else int(cursor),
            None if earliest is None else int(earliest),
        )

    def candidate_ids(self, kind: AlertKind, pairs: Iterable[tuple[Facet, str]]) -> set[int]:
        """The watchlists following ``kind`` indexed under any of the (kind, value) ``pairs``:
        one range of the primary key per value, a statement per facet and 500 values."""
        by_facet: dict[str, set[str]] = {}
        for facet, value in pairs:
            by_facet.setdefault(facet.value, set()).add(value)
        found: set[int] = set()
        t = watchlist_terms
        with self._connection("watchlist_candidates") as conn:
            for facet_name, values in sorted(by_facet.items()):
                wanted = sorted(values)
                for start in range(0, len(wanted), _IDS_PER_STATEMENT):
                    chunk = wanted[start : start + _IDS_PER_STATEMENT]
                    stmt = sa.select(t.c.watchlist_id).where(
                        t.c.kind == kind.value, t.c.facet == facet_name, t.c.value.in_(chunk)
                    )
                    found.update(int(i) for i in conn.execute(stmt).scalars())
        return found

    def place_follower_ids(self) -> set[int]:
        """The watchlists indexed under a country, region or division (their most selective
        criterion is a place): ranges of the index's primary key, not a read of every row."""
        t = watchlist_terms
        places = [f.value for f in PLACE_FACETS]
        kinds = [AlertKind.ARTICLE.value, AlertKind.EVENT.value]
        stmt = sa.select(t.c.watchlist_id).where(t.c.kind.in_(kinds), t.c.facet.in_(places))
        with self._connection("place_followers") as conn:
            return {int(i) for i in conn.execute(stmt).scalars()}

    def already_alerted(self, ids: Iterable[int], kind: AlertKind, item_id: str) -> set[int]:
        """Which of the watchlists ``ids`` have the alert (kind, item) already: ranges of the
        unique key, so a pass skips the work of what it would record for nothing."""
        wanted = sorted(set(ids))
        found: set[int] = set()
        with self._connection("already_alerted") as conn:
            for start in range(0, len(wanted), _IDS_PER_STATEMENT):
                chunk = wanted[start : start + _IDS_PER_STATEMENT]
                stmt = sa.select(alerts.c.watchlist_id).where(
                    alerts.c.watchlist_id.in_(chunk),
                    alerts.c.kind == kind.value,
                    alerts.c.item_id == item_id,
                )
                found.update(int(i) for i in conn.execute(stmt).scalars())
        return found

    def source_count(self, article_ids: Sequence[str]) -> int:
        """How many distinct sources the articles come from: their primary keys, no bodies."""
        if not article_ids:
            return 0
        a = articles
        stmt = sa.select(sa.func.count(sa.distinct(a.c.source_name))).where(
            a.c.id.in_(sorted(set(article_ids)))
        )
        with self._connection("source_count") as conn:
            return int(conn.execute(stmt).scalar_one())

    def active(self, ids: Iterable[int]) -> list[Watchlist]:
        """The watchlists ``ids`` whose owner may be told (anonymous, or an enabled account)."""
        wanted = sorted(set(ids))
        found: list[Watchlist] = []
        with self._connection("active_watchlists") as conn:
            for start in range(0, len(wanted), _IDS_PER_STATEMENT):
                chunk = wanted[start : start + _IDS_PER_STATEMENT]
                where = sa.and_(
                    watchlists.c.id.in_(chunk),
                    sa.or_(accounts.c.id.is_(None), accounts.c.disabled.is_(False)),
                )
                found.extend(_watchlists_where(conn, where))
        return found

    def record(
        self,
        matches: Sequence[AlertMatch],
        deliveries: Mapping[int, Delivery],
        read_to: int,
        now: datetime,
    ) -> int:
        """Record ``matches`` (those already recorded are left alone) and move the cursor to
        ``read_to``, in one transaction; returns how many alerts are new."""
        with self._connection("record_alerts", write=True) as conn:
            # A watchlist deleted since the pass read it takes its matches with it.
            present = _existing_ids(conn, {m.watchlist_id for m in matches})
            kept = [(m, deliveries[m.watchlist_id]) for m in matches if m.watchlist_id in present]
            added = insert_alerts(conn, kept, now)
            _move_cursor(conn, read_to, now)
        return added

    def owners(self, ids: Iterable[int]) -> dict[int, tuple[Account, list[Subscription]]]:
        """The accounts ``ids`` with their subscriptions, for the paywall's view of each."""
        wanted = sorted(set(ids))
        found: dict[int, tuple[Account, list[Subscription]]] = {}
        s = subscriptions
        with self._connection("watchlist_owners") as conn:
            for start in range(0, len(wanted), _IDS_PER_STATEMENT):
                chunk = wanted[start : start + _IDS_PER_STATEMENT]
                owners = sa.select(accounts).where(accounts.c.id.in_(chunk))
                for owner in conn.execute(owners).mappings():
                    found[int(owner["id"])] = (account_of(owner), [])
                stmt = sa.select(s).where(s.c.account_id.in_(chunk)).order_by(s.c.starts_at, s.c.id)
                for row in conn.execute(stmt).mappings():
                    if int(row["account_id"]) in found:
                        found[int(row["account_id"])][1].append(subscription_of(row))
        return found

    def reported_events(self, article_ids: Sequence[str]) -> dict[str, list[LinkedEvent]]:
        """The distinct events each article reports, main event first."""
        ae = article_events
        by_article: dict[str, list[str]] = {}
        with self._connection("reported_events") as conn:
            for start in range(0, len(article_ids), _IDS_PER_STATEMENT):
                chunk = list(article_ids[start : start + _IDS_PER_STATEMENT])
                stmt = (
                    sa.select(ae.c.article_id, ae.c.event_id)
                    .where(ae.c.article_id.in_(chunk), ae.c.event_id.is_not(None))
                    .order_by(ae.c.article_id, ae.c.position)
                )
                for row in conn.execute(stmt):
                    by_article.setdefault(row.article_id, []).append(row.event_id)
            wanted = list(dict.fromkeys(i for ids in by_article.values() for i in ids))
            found: dict[str, LinkedEvent] = {}
            for start in range(0, len(wanted), _IDS_PER_STATEMENT):
                chunk = wanted[start : start + _IDS_PER_STATEMENT]
                found.update((e.id, e) for e in events_by_ids(conn, chunk))
        return {
            article_id: [found[i] for i in dict.fromkeys(ids) if i in found]
            for article_id, ids in by_article.items()
        }

    def alerts_of(self, watchlist_id: int, limit: int = 50) -> list[Alert]:
        """The watchlist's newest ``limit`` alerts, newest first."""
        stmt = (
            sa.select(alerts)
            .where(alerts.c.watchlist_id == watchlist_id)
            .order_by(alerts.c.id.desc())
            .limit(limit)
        )
        with self._connection("alerts_of") as conn:
            return [alert_of(r) for r in conn.execute(stmt).mappings()]

    def alert_count(self) -> int:
        with self._connection("alert_count") as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(alerts)).scalar_one())

    @contextmanager
    def _connection(self, operation: str, *, write: bool = False) -> Iterator[Connection]:
        with store_connection(self.engine, self.url, operation, write=write) as conn:
            yield conn


def _write_terms(
    conn: Connection, watchlist_id: int, kind: AlertKind, terms: Sequence[tuple[Facet, str]]
) -> None:
    conn.execute(sa.delete(watchlist_terms).where(watchlist_terms.c.watchlist_id == watchlist_id))
    conn.execute(
        sa.insert(watchlist_terms),
        [
            {"kind": kind.value, "facet": f.value, "value": v, "watchlist_id": watchlist_id}
            for f, v in terms
        ],
    )


def _watchlists_where(conn: Connection, where: sa.ColumnElement[bool]) -> list[Watchlist]:
    stmt = (
        sa.select(watchlists, accounts.c.email)
        .select_from(watchlists.outerjoin(accounts, accounts.c.id == watchlists.c.account_id))
        .where(where)
        .order_by(watchlists.c.id)
    )
    return [watchlist_of(row) for row in conn.execute(stmt).mappings()]


def _existing_ids(conn: Connection, ids: set[int]) -> set[int]:
    wanted = sorted(ids)
    found: set[int] = set()
    for start in range(0, len(wanted), _IDS_PER_STATEMENT):
        chunk = wanted[start : start + _IDS_PER_STATEMENT]
        stmt = sa.select(watchlists.c.id).where(watchlists.c.id.in_(chunk))
        found.update(int(i) for i in conn.execute(stmt).scalars())
    return found


def _move_cursor(conn: Connection, read_to: int, now: datetime) -> None:
    """Forward only: a slower pass finishing after a faster one never moves it back."""
    c = alert_cursors
    current = conn.execute(sa.select(c.c.seq).where(c.c.name == CHANGES_CURSOR)).scalar()
    if current is None:
        conn.execute(sa.insert(c).values(name=CHANGES_CURSOR, seq=read_to, updated_at=now))
    elif read_to > int(current):
        conn.execute(
            sa.update(c).where(c.c.name == CHANGES_CURSOR).values(seq=read_to, updated_at=now)
        )
