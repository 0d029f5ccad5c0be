"""``AlertDeliveryStore``: what delivery reads and writes beside the alerts (reach it with
``AlertDeliveryStore.alongside(store)``).

A sender **claims** the alerts it is about to send by moving their ``email_at`` (or
``webhook_at``) to the end of a lease, in one statement guarded by the state it read; a
concurrent sender finds them held and leaves them. A pending alert's ``email_at`` or
``webhook_at`` is the moment before which no sender takes it (a lease, quiet hours, a cooldown,
a backoff, or the next digest it was folded into). Marking an alert sent and recording the
mail happen in one transaction once the server has accepted it; a sender that dies before that
leaves its claim to expire and the alerts to be sent again by the next pass.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from worldbrief.domain.alert_delivery import (
    MailingKind,
    QueuedAlert,
    ReaderSettings,
    WebhookHealth,
)
from worldbrief.domain.watchlists import DeliveryState, EmailMode
from worldbrief.store.alert_tables import alerts, watchlists
from worldbrief.store.article_store import ArticleStore
from worldbrief.store.delivery_tables import (
    alert_keys,
    alert_mailings,
    alert_reader_settings,
    webhook_health,
)
from worldbrief.store.engine import store_connection
from worldbrief.store.errors import redact_url
from worldbrief.store.schema import accounts
from worldbrief.store.watchlist_codec import alert_of
from worldbrief.store.watchlist_store import WatchlistStore

_IDS_PER_STATEMENT = 500
_with_owner = alerts.join(watchlists, watchlists.c.id == alerts.c.watchlist_id).join(
    accounts, accounts.c.id == watchlists.c.account_id
)
_PENDING = DeliveryState.PENDING.value


class AlertDeliveryStore:
    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self._watchlists = WatchlistStore(engine, url)

    @classmethod
    def alongside(cls, store: ArticleStore) -> AlertDeliveryStore:
        return cls(store.engine, store.url)

    def __repr__(self) -> str:
        return f"AlertDeliveryStore({redact_url(self.url)!r})"

    # Readers' settings

    def reader_settings(self, account_ids: Iterable[int]) -> dict[int, ReaderSettings]:
        wanted = sorted(set(account_ids))
        found: dict[int, ReaderSettings] = {}
        t = alert_reader_settings
        with self._connection("reader_settings") as conn:
            for chunk in _chunks(wanted):
                for row in conn.execute(sa.select(t).where(t.c.account_id.in_(chunk))).mappings():
                    found[int(row["account_id"])] = ReaderSettings(
                        row["time_zone"], row["quiet_start"], row["quiet_end"]
                    )
        return found

    def set_reader_settings(self, account_id: int, value: ReaderSettings, now: datetime) -> None:
        t = alert_reader_settings
        fields = {
            "time_zone": value.time_zone,
            "quiet_start": value.quiet_start,
            "quiet_end": value.quiet_end,
            "updated_at": now,
        }
        with self._connection("set_reader_settings", write=True) as conn:
            updated = conn.execute(
                sa.update(t).where(t.c.account_id == account_id).values(**fields)
            ).rowcount
            if not updated:
                conn.execute(sa.insert(t).values(account_id=account_id, **fields))

    # Email

    def email_queue(self, now: datetime, limit: int) -> list[QueuedAlert]:
        """Pending email alerts free to take now (no lease or hold ahead), oldest first, of
        watchlists whose owner is an enabled account and whose email is on."""
        a = alerts
        # Only alerts that can go now count against the limit: those of a watchlist whose email
        # was turned off, or of a disabled account, must not fill every pass's queue.
        stmt = (
            sa.select(a)
            .select_from(_with_owner)
            .where(a.c.email_state == _PENDING)
            .where(sa.or_(a.c.email_at.is_(None), a.c.email_at <= now))
            .where(watchlists.c.email_mode != EmailMode.OFF.value)
            .where(accounts.c.disabled.is_(False))
            .order_by(a.c.id)
            .limit(limit)
        )
        with self._connection("email_queue") as conn:
            rows = [alert_of(r) for r in conn.execute(stmt).mappings()]
        found = {w.id: w for w in self._watchlists.active({r.watchlist_id for r in rows})}
        return [
            QueuedAlert(r, found[r.watchlist_id])
            for r in rows
            if r.watchlist_id in found
            and found[r.watchlist_id].owner_id is not None
            and found[r.watchlist_id].delivery.email is not EmailMode.OFF
        ]

    def claim_email(self, ids: Sequence[int], now: datetime, until: datetime) -> set[int]:
        """Hold ``ids`` until ``until`` for one sender; returns those it got (others were taken
        by a concurrent sender or sent meanwhile)."""
        return self._claim(alerts.c.email_state, alerts.c.email_at, ids, now, until)

    def hold_email(self, ids: Sequence[int], until: datetime | None) -> None:
        """Leave ``ids`` pending, free to take from ``until`` (None: at once)."""
        with self._connection("hold_email", write=True) as conn:
            for chunk in _chunks(sorted(ids)):
                conn.execute(
                    sa.update(alerts)
                    .where(alerts.c.id.in_(chunk), alerts.c.email_state == _PENDING)
                    .values(email_at=until)
                )

    def email_sent(
        self,
        ids: Sequence[int],
        *,
        account_id: int,
        kind: MailingKind,
        watchlist_id: int | None,
        message_id: str,
        now: datetime,
    ) -> None:
        """Mark ``ids`` sent and record the mail, in one transaction."""
        with self._connection("email_sent", write=True) as conn:
            for chunk in _chunks(sorted(ids)):
                conn.execute(
                    sa.update(alerts)
                    .where(alerts.c.id.in_(chunk))
                    .values(email_state=DeliveryState.SENT.value, email_at=now)
                )
            conn.execute(
                sa.insert(alert_mailings).values(
                    account_id=account_id,
                    watchlist_id=watchlist_id,
                    kind=kind.value,
                    alerts=len(ids),
                    message_id=message_id,
                    sent_at=now,
                )
            )

    def email_dropped(self, ids: Sequence[int]) -> None:
        """Nothing to send for ``ids`` (their article was deleted since): off, not pending."""
        with self._connection("email_dropped", write=True) as conn:
            for chunk in _chunks(sorted(ids)):
                conn.execute(
                    sa.update(alerts)
                    .where(alerts.c.id.in_(chunk), alerts.c.email_state == _PENDING)
                    .values(email_state=DeliveryState.OFF.value)
                )

    def immediate_mails_since(self, account_id: int, since: datetime) -> int:
        m = alert_mailings
        stmt = (
            sa.select(sa.func.count())
            .select_from(m)
            .where(m.c.account_id == account_id)
            .where(m.c.kind == MailingKind.IMMEDIATE.value)
            .where(m.c.sent_at > since)
        )
        with self._connection("immediate_mails_since") as conn:
            return int(conn.execute(stmt).scalar_one())

    def last_immediate_mail(self, watchlist_id: int) -> datetime | None:
        m = alert_mailings
        stmt = sa.select(sa.func.max(m.c.sent_at)).where(m.c.watchlist_id == watchlist_id)
        with self._connection("last_immediate_mail") as conn:
            found: datetime | None = conn.execute(stmt).scalar()
            return found

    def last_digest(self, account_id: int, kind: MailingKind) -> datetime | None:
        m = alert_mailings
        stmt = sa.select(sa.func.max(m.c.sent_at)).where(
            m.c.account_id == account_id, m.c.kind == kind.value
        )
        with self._connection("last_digest") as conn:
            found: datetime | None = conn.execute(stmt).scalar()
            return found

    def mailing_count(self) -> int:
        with self._connection("mailing_count") as conn:
            stmt = sa.select(sa.func.count()).select_from(alert_mailings)
            return int(conn.execute(stmt).scalar_one())

    def turn_email_off(self, watchlist_id: int, now: datetime) -> bool:
        """The watchlist's email off, and its alerts waiting for mail with it; False when no
        such watchlist."""
        with self._connection("turn_email_off", write=True) as conn:
            found = conn.execute(
                sa.update(watchlists)
                .where(watchlists.c.id == watchlist_id)
                .values(email_mode=EmailMode.OFF.value, updated_at=now)
            ).rowcount
            conn.execute(
                sa.update(alerts)
                .where(alerts.c.watchlist_id == watchlist_id, alerts.c.email_state == _PENDING)
                .values(email_state=DeliveryState.OFF.value)
            )
        return bool(found)

    # Webhooks

    def webhook_queue(self, now: datetime, limit: int) -> list[QueuedAlert]:
        """Pending webhook alerts due now, oldest first, of enabled webhooks."""
        a = alerts
        disabled = sa.select(webhook_health.c.watchlist_id).where(
            webhook_health.c.disabled_at.is_not(None)
        )
        stmt = (
            sa.select(a)
            .select_from(
                a.join(watchlists, watchlists.c.id == a.c.watchlist_id).outerjoin(
                    accounts, accounts.c.id == watchlists.c.account_id
                )
            )
            .where(a.c.webhook_state == _PENDING)
            .where(sa.or_(accounts.c.id.is_(None), accounts.c.disabled.is_(False)))
            .where(sa.or_(a.c.webhook_at.is_(None), a.c.webhook_at <= now))
            .where(watchlists.c.webhook_url.is_not(None))
            .where(a.c.watchlist_id.not_in(disabled))
            .order_by(a.c.id)
            .limit(limit)
        )
        with self._connection("webhook_queue") as conn:
            rows = list(conn.execute(stmt).mappings())
        found = {w.id: w for w in self._watchlists.active({int(r["watchlist_id"]) for r in rows})}
        queued = []
        for row in rows:
            watchlist = found.get(int(row["watchlist_id"]))
            if watchlist is not None and watchlist.delivery.webhook_url:
                queued.append(QueuedAlert(alert_of(row), watchlist, int(row["webhook_attempts"])))
        return queued

    def claim_webhook(self, ids: Sequence[int], now: datetime, until: datetime) -> set[int]:
        return self._claim(alerts.c.webhook_state, alerts.c.webhook_at, ids, now, until)

    def hold_webhook(self, ids: Sequence[int], until: datetime | None) -> None:
        with self._connection("hold_webhook", write=True) as conn:
            for chunk in _chunks(sorted(ids)):
                conn.execute(
                    sa.update(alerts)
                    .where(alerts.c.id.in_(chunk), alerts.c.webhook_state == _PENDING)
                    .values(webhook_at=until)
                )

    def webhook_dropped(self, ids: Sequence[int]) -> None:
        """Nothing to send for ``ids`` (their article was deleted since): off, not pending."""
        with self._connection("webhook_dropped", write=True) as conn:
            for chunk in _chunks(sorted(ids)):
                conn.execute(
                    sa.update(alerts)
                    .where(alerts.c.id.in_(chunk), alerts.c.webhook_state == _PENDING)
                    .values(webhook_state=DeliveryState.OFF.value)
                )

    def webhook_delivered(self, alert_id: int, watchlist_id: int, now: datetime) -> None:
        """The alert sent; the watchlist's run of failures ends."""
        with self._connection("webhook_delivered", write=True) as conn:
            conn.execute(
                sa.update(alerts)
                .where(alerts.c.id == alert_id)
                .values(
                    webhook_state=DeliveryState.SENT.value,
                    webhook_at=now,
                    webhook_attempts=alerts.c.webhook_attempts + 1,
                    webhook_error=None,
                )
            )
            _write_health(conn, watchlist_id, WebhookHealth(), now)

    def webhook_failed(
        self,
        alert_id: int,
        watchlist_id: int,
        error: str,
        retry_at: datetime,
        now: datetime,
        max_failures: int,
    ) -> WebhookHealth:
        """Count a failed attempt: the alert waits until ``retry_at``; the watchlist's webhook
        is disabled at ``max_failures`` consecutive failures. Returns its health after."""
        with self._connection("webhook_failed", write=True) as conn:
            conn.execute(
                sa.update(alerts)
                .where(alerts.c.id == alert_id)
                .values(
                    webhook_at=retry_at,
                    webhook_attempts=alerts.c.webhook_attempts + 1,
                    webhook_error=error,
                )
            )
            before = _read_health(conn, [watchlist_id]).get(watchlist_id, WebhookHealth())
            failures = before.failures + 1
            health = WebhookHealth(failures, error)
            if failures >= max_failures:
                health = WebhookHealth(
                    failures,
                    error,
                    now,
                    f"{failures} consecutive failures; the last: {error}",
                )
            _write_health(conn, watchlist_id, health, now)
        return health

    def webhook_health(self, watchlist_ids: Iterable[int]) -> dict[int, WebhookHealth]:
        with self._connection("webhook_health") as conn:
            return _read_health(conn, sorted(set(watchlist_ids)))

    def enable_webhook(self, watchlist_id: int, now: datetime) -> None:
        """Clear a disabled webhook's failures: its waiting alerts go out at the next pass."""
        with self._connection("enable_webhook", write=True) as conn:
            _write_health(conn, watchlist_id, WebhookHealth(), now)
            conn.execute(
                sa.update(alerts)
                .where(alerts.c.watchlist_id == watchlist_id, alerts.c.webhook_state == _PENDING)
                .values(webhook_at=None)
            )

    # Keys

    def key(self, name: str) -> str:
        """The secret ``name``, made (32 random bytes) the first time it is asked for."""
        read = sa.select(alert_keys.c.secret).where(alert_keys.c.name == name)
        with self._connection("alert_key") as conn:  # made once: read without the write lock
            found = conn.execute(read).scalar()
        if found is not None:
            return str(found)
        with self._connection("alert_key", write=True) as conn:
            found = conn.execute(read).scalar()
            if found is not None:
                return str(found)
            made = secrets.token_urlsafe(32)
            conn.execute(sa.insert(alert_keys).values(name=name, secret=made))
            return made

    # Shared

    def _claim(
        self,
        state: sa.Column[str],
        at: sa.Column[datetime],
        ids: Sequence[int],
        now: datetime,
        until: datetime,
    ) -> set[int]:
        # The lease's end is made unique to this claim, so the rows it won are read back by it.
        claimed: set[int] = set()
        with self._connection("claim_alerts", write=True) as conn:
            for chunk in _chunks(sorted(ids)):
                conn.execute(
                    sa.update(alerts)
                    .where(alerts.c.id.in_(chunk), state == _PENDING)
                    .where(sa.or_(at.is_(None), at <= now))
                    .values({at.name: until})
                )
                won = sa.select(alerts.c.id).where(alerts.c.id.in_(chunk), at == until)
                claimed.update(int(i) for i in conn.execute(won).scalars())
        return claimed

    @contextmanager
    def _connection(self, operation: str, *, write: bool = False) -> Iterator[Connection]:
        with store_connection(self.engine, self.url, operation, write=write) as conn:
            yield conn


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), _IDS_PER_STATEMENT):
        yield ids[start : start + _IDS_PER_STATEMENT]


def _read_health(conn: Connection, ids: Sequence[int]) -> dict[int, WebhookHealth]:
    h = webhook_health
    found: dict[int, WebhookHealth] = {}
    for chunk in _chunks(ids):
        for row in conn.execute(sa.select(h).where(h.c.watchlist_id.in_(chunk))).mappings():
            found[int(row["watchlist_id"])] = WebhookHealth(
                int(row["failures"]), row["last_error"], row["disabled_at"], row["disabled_reason"]
            )
    return found


def _write_health(
    conn: Connection, watchlist_id: int, health: WebhookHealth, now: datetime
) -> None:
    h = webhook_health
    fields = {
        "failures": health.failures,
        "last_error": health.last_error,
        "disabled_at": health.disabled_at,
        "disabled_reason": health.disabled_reason,
        "updated_at": now,
    }
    if not conn.execute(
        sa.update(h).where(h.c.watchlist_id == watchlist_id).values(**fields)
    ).rowcount:
        conn.execute(sa.insert(h).values(watchlist_id=watchlist_id, **fields))
