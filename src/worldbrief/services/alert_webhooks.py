"""Alert webhooks: a JSON POST per alert to the watchlist's URL, signed, retried, disabled
after repeated failures.

Each request carries ``X-Worldbrief-Timestamp`` (Unix seconds) and ``X-Worldbrief-Signature``
(``sha256=`` and the hex HMAC-SHA256 of ``timestamp + "." + body`` under the watchlist's
webhook secret), and ``X-Worldbrief-Delivery`` (the alert's id, the same on every attempt, so a
receiver can drop a repeat). The safe-fetch rules apply to every attempt (``SafePoster``).

A watchlist's alerts go in order; the first failure ends its turn for this pass. A failed
alert waits ``webhook_retry_seconds`` doubled at each attempt (at most six hours); after
``webhook_max_failures`` consecutive failures the webhook is disabled, with the reason kept and
shown, and its alerts wait until the owner sets it again (nothing is dropped).
"""

from __future__ import annotations

import json
import secrets
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from worldbrief.alerts.signing import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    webhook_secret,
    webhook_signature,
)
from worldbrief.domain.alert_delivery import QueuedAlert
from worldbrief.ingest.safe_fetch import FetchError
from worldbrief.ingest.safe_post import SafePoster
from worldbrief.services.alert_keys import alert_signing_key
from worldbrief.services.alert_views import AlertView, alert_views
from worldbrief.services.platform import Platform
from worldbrief.store import AlertDeliveryStore

DELIVERY_HEADER = "X-Worldbrief-Delivery"
QUEUE_LIMIT = 500  # alerts a pass; the rest wait for the next
LEASE = timedelta(minutes=2)
LONGEST_WAIT = timedelta(hours=6)
_ERROR_LENGTH = 500


@dataclass
class WebhookReport:
    delivered: int = 0
    failed: int = 0  # attempts that failed (each retried later)
    disabled: int = 0  # webhooks disabled by this pass


def retry_wait(settings_seconds: int, attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: doubled each time, capped."""
    return min(timedelta(seconds=settings_seconds * 2 ** max(attempts - 1, 0)), LONGEST_WAIT)


def run_alert_webhooks(platform: Platform, now: datetime) -> WebhookReport:
    report = WebhookReport()
    store = AlertDeliveryStore.alongside(platform.store)
    by_watchlist: dict[int, list[QueuedAlert]] = defaultdict(list)
    for item in store.webhook_queue(now, QUEUE_LIMIT):
        by_watchlist[item.watchlist.id].append(item)
    if not by_watchlist:
        return report
    key = alert_signing_key(platform)
    poster = SafePoster(platform.settings)
    for watchlist_id, items in by_watchlist.items():
        until = now + LEASE + timedelta(microseconds=1 + secrets.randbelow(10**6))
        claimed = store.claim_webhook([i.alert.id for i in items], now, until)
        items = [i for i in items if i.alert.id in claimed]
        if not items:
            continue
        views = {v.alert_id: v for v in alert_views(platform, items, now)}
        if gone := [i.alert.id for i in items if i.alert.id not in views]:
            store.webhook_dropped(gone)
        secret = webhook_secret(key, watchlist_id)
        _deliver(platform, store, poster, secret, [i for i in items if i.alert.id in views],
                 views, now, report)  # fmt: skip
    return report


def _deliver(
    platform: Platform,
    store: AlertDeliveryStore,
    poster: SafePoster,
    secret: str,
    items: Sequence[QueuedAlert],
    views: dict[int, AlertView],
    now: datetime,
    report: WebhookReport,
) -> None:
    settings = platform.settings
    for position, item in enumerate(items):
        url = item.watchlist.delivery.webhook_url
        assert url is not None
        body = json.dumps(payload(views[item.alert.id], item), ensure_ascii=False).encode()
        stamp = int(datetime.now(UTC).timestamp())
        headers = {
            TIMESTAMP_HEADER: str(stamp),
            SIGNATURE_HEADER: webhook_signature(secret, stamp, body),
            DELIVERY_HEADER: str(item.alert.id),
        }
        try:
            poster.post(url, body, headers)
        except FetchError as error:
            reason = error.reason[:_ERROR_LENGTH]
            retry_at = now + retry_wait(settings.webhook_retry_seconds, item.attempts + 1)
            health = store.webhook_failed(
                item.alert.id, item.watchlist.id, reason, retry_at, now,
                settings.webhook_max_failures,
            )  # fmt: skip
            report.failed += 1
            report.disabled += health.disabled
            # The receiver is failing: the rest wait as long as this one, not a lease.
            store.hold_webhook([i.alert.id for i in items[position + 1 :]], retry_at)
            return
        store.webhook_delivered(item.alert.id, item.watchlist.id, now)
        report.delivered += 1


def payload(view: AlertView, item: QueuedAlert) -> dict[str, Any]:
    """The JSON body: what fired and why, with links; never an article's body or evidence."""
    return {
        "type": "alert",
        "id": view.alert_id,
        "watchlist": {"id": view.watchlist_id, "name": view.watchlist_name},
        "kind": view.kind.value,
        "why": view.why,
        "reasons": [{"facet": r.facet.value, "value": r.value} for r in item.alert.reasons],
        "recorded_at": view.recorded_at.isoformat(),
        "title": view.title,
        "teaser": view.teaser,
        "url": view.url,
        "place": view.place,
        "day": view.day.isoformat(),
        "members_only": view.members_only,
        "full_text_url": view.full_text_url,
        "article_id": view.article_id,
        "event": None
        if view.event_id is None
        else {"id": view.event_id, "type": view.event_type, "subtype": view.event_subtype},
    }
