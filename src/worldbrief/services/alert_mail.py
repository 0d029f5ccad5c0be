"""Alert mail: immediate mails and daily or weekly digests, in each reader's time zone.

For each account with alerts waiting for mail:

- **Digests**: a daily digest falls due at ``alert_digest_hour`` local time, a weekly one on
  Mondays at that hour. A due digest not yet sent carries every waiting alert recorded before it
  fell due: of daily watchlists (and immediate ones held past their moment) for the daily
  digest, of weekly watchlists for the weekly one.
- **Immediate mail**, one per watchlist, unless: it is the reader's quiet hours (held to their
  end); the watchlist had an immediate mail less than ``alert_cooldown_minutes`` ago (held to
  the cooldown's end, then sent together); or the account had ``alert_immediate_per_hour``
  immediate mails in the last hour (folded into the next daily digest).

Alerts are claimed before sending and marked sent with the mail's record after the server
accepts it (``store/delivery_store.py``). A mail the server refuses leaves its alerts waiting
for the next pass.
"""

from __future__ import annotations

import logging
import secrets
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from worldbrief.alerts.reader_time import digest_due_at, next_digest_at, quiet_until
from worldbrief.alerts.signing import unsubscribe_token
from worldbrief.domain.alert_delivery import MailingKind, QueuedAlert, ReaderSettings
from worldbrief.domain.watchlists import EmailMode
from worldbrief.services.alert_keys import alert_signing_key
from worldbrief.services.alert_mail_render import AlertMail, build_message
from worldbrief.services.alert_views import alert_views
from worldbrief.services.mail import mail_enabled
from worldbrief.services.platform import Platform
from worldbrief.services.smtp_session import SmtpSession
from worldbrief.store import AlertDeliveryStore

log = logging.getLogger(__name__)

QUEUE_LIMIT = 5000  # alerts read a pass; the rest wait for the next
LEASE = timedelta(minutes=5)  # a sender's hold on what it is sending
RETRY_AFTER = timedelta(minutes=5)  # after the SMTP server refused a mail
_DIGEST_MODES = {
    MailingKind.DAILY: (EmailMode.DAILY, EmailMode.IMMEDIATE),
    MailingKind.WEEKLY: (EmailMode.WEEKLY,),
}


@dataclass
class MailReport:
    mails: int = 0  # mails the SMTP server accepted
    alerts: int = 0  # alerts they carried
    held: int = 0  # alerts held to the end of quiet hours or a cooldown
    folded: int = 0  # alerts past the hourly limit, folded into the next daily digest
    failed: int = 0  # mails refused (their alerts wait for the next pass)


def run_alert_mail(platform: Platform, now: datetime) -> MailReport:
    report = MailReport()
    if not mail_enabled(platform.settings):
        return report  # alerts wait until an SMTP server is configured
    store = AlertDeliveryStore.alongside(platform.store)
    queue = store.email_queue(now, QUEUE_LIMIT)
    by_account: dict[int, list[QueuedAlert]] = defaultdict(list)
    for item in queue:
        assert item.watchlist.owner_id is not None
        by_account[item.watchlist.owner_id].append(item)
    settings = store.reader_settings(by_account)
    with SmtpSession(platform.settings) as smtp:
        for account_id, items in by_account.items():
            reader = settings.get(account_id, ReaderSettings())
            _AccountMail(platform, store, smtp, account_id, reader, now, report).deliver(items)
    return report


class _AccountMail:
    def __init__(
        self,
        platform: Platform,
        store: AlertDeliveryStore,
        smtp: SmtpSession,
        account_id: int,
        reader: ReaderSettings,
        now: datetime,
        report: MailReport,
    ) -> None:
        self.platform = platform
        self.settings = platform.settings
        self.store = store
        self.smtp = smtp
        self.account_id = account_id
        self.reader = reader
        self.now = now
        self.report = report

    def deliver(self, items: list[QueuedAlert]) -> None:
        left = list(items)
        for kind, modes in _DIGEST_MODES.items():
            due = digest_due_at(kind, self.reader, self.now, self.settings.alert_digest_hour)
            last = self.store.last_digest(self.account_id, kind)
            if last is not None and last >= due:
                continue
            chosen = [
                i for i in left if i.watchlist.delivery.email in modes and i.alert.created_at <= due
            ]
            if chosen and self._send(kind, chosen, None):
                taken = {i.alert.id for i in chosen}
                left = [i for i in left if i.alert.id not in taken]
        immediate = [i for i in left if i.watchlist.delivery.email is EmailMode.IMMEDIATE]
        if immediate:
            self._immediate(immediate)

    def _immediate(self, items: list[QueuedAlert]) -> None:
        quiet_end = quiet_until(self.reader, self.now)
        if quiet_end is not None:
            self._hold([i.alert.id for i in items], quiet_end, folded=False)
            return
        by_watchlist: dict[int, list[QueuedAlert]] = defaultdict(list)
        for item in items:
            by_watchlist[item.watchlist.id].append(item)
        cooldown = timedelta(minutes=self.settings.alert_cooldown_minutes)
        hour_ago = self.now - timedelta(hours=1)
        sent = self.store.immediate_mails_since(self.account_id, hour_ago)
        for watchlist_id, chosen in by_watchlist.items():
            ids = [i.alert.id for i in chosen]
            last = self.store.last_immediate_mail(watchlist_id)
            if last is not None and self.now < last + cooldown:
                self._hold(ids, last + cooldown, folded=False)
                continue
            if sent >= self.settings.alert_immediate_per_hour:
                hour = self.settings.alert_digest_hour
                self._hold(
                    ids, next_digest_at(MailingKind.DAILY, self.reader, self.now, hour), True
                )
                continue
            if self._send(MailingKind.IMMEDIATE, chosen, watchlist_id):
                sent += 1

    def _hold(self, ids: Sequence[int], until: datetime, folded: bool) -> None:
        self.store.hold_email(ids, until)
        if folded:
            self.report.folded += len(ids)
        else:
            self.report.held += len(ids)

    def _send(self, kind: MailingKind, items: list[QueuedAlert], watchlist_id: int | None) -> bool:
        # The lease's end is unique to this claim (a random microsecond), so it reads back its own.
        until = self.now + LEASE + timedelta(microseconds=1 + secrets.randbelow(10**6))
        claimed = self.store.claim_email([i.alert.id for i in items], self.now, until)
        items = [i for i in items if i.alert.id in claimed]
        if not items:
            return False
        views = alert_views(self.platform, items, self.now)
        shown = {v.alert_id for v in views}
        if gone := [i.alert.id for i in items if i.alert.id not in shown]:
            self.store.email_dropped(gone)
        if not views:
            return False
        mail = self._mail(kind, items, [v.alert_id for v in views])
        today = self.now.astimezone(ZoneInfo(self.reader.time_zone)).date()
        message = build_message(self.settings, mail, views, today)
        if not self.smtp.send(message, f"alert {kind.value}"):
            self.store.hold_email(mail.alert_ids, self.now + RETRY_AFTER)
            self.report.failed += 1
            return False
        self.store.email_sent(
            mail.alert_ids,
            account_id=self.account_id,
            kind=kind,
            watchlist_id=watchlist_id,
            message_id=str(message["Message-ID"]),
            now=self.now,
        )
        self.report.mails += 1
        self.report.alerts += len(mail.alert_ids)
        return True

    def _mail(self, kind: MailingKind, items: list[QueuedAlert], alert_ids: list[int]) -> AlertMail:
        key = alert_signing_key(self.platform)
        base = self.settings.base_url.rstrip("/")
        watchlist_ids = tuple(dict.fromkeys(i.watchlist.id for i in items))
        owner_email = items[0].watchlist.owner_email
        assert owner_email is not None
        return AlertMail(
            to=owner_email,
            kind=kind,
            alert_ids=tuple(sorted(alert_ids)),
            watchlist_ids=watchlist_ids,
            unsubscribe_urls={
                w: f"{base}/alerts/unsubscribe/{unsubscribe_token(key, [w])}" for w in watchlist_ids
            },
            unsubscribe_all_url=base
            + "/alerts/unsubscribe/"
            + unsubscribe_token(key, watchlist_ids),
        )
