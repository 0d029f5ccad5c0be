"""How a watchlist's webhook stands, as lists show it: working, failing (with the last error)
or disabled (with the reason), and the owner's webhook secret."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from worldbrief.alerts.signing import webhook_secret
from worldbrief.domain.alert_delivery import WebhookHealth
from worldbrief.domain.watchlists import Watchlist
from worldbrief.services.alert_keys import alert_signing_key
from worldbrief.services.platform import Platform
from worldbrief.store import AlertDeliveryStore, WatchlistStore


def webhook_health_of(platform: Platform, found: Sequence[Watchlist]) -> dict[int, WebhookHealth]:
    with_hooks = [w.id for w in found if w.delivery.webhook_url]
    if not with_hooks:
        return {}
    return AlertDeliveryStore.alongside(platform.store).webhook_health(with_hooks)


def shown_health(health: WebhookHealth) -> str:
    if health.disabled:
        return f"disabled: {health.disabled_reason}"
    if health.failures:
        return f"failing ({health.failures} in a row): {health.last_error}"
    return "working"


def webhook_states(platform: Platform, found: Sequence[Watchlist]) -> dict[int, str]:
    """Each watchlist with a webhook that has been tried: its state in words."""
    return {w: shown_health(h) for w, h in webhook_health_of(platform, found).items()}


def secret_of(platform: Platform, watchlist_id: int) -> str | None:
    """The secret signing the watchlist's webhook requests, None when no such watchlist."""
    if WatchlistStore.alongside(platform.store).get(watchlist_id) is None:
        return None
    return webhook_secret(alert_signing_key(platform), watchlist_id)


def enable_webhook(platform: Platform, watchlist_id: int) -> bool:
    """Clear a disabled webhook's failures; its waiting alerts go at the next pass."""
    if WatchlistStore.alongside(platform.store).get(watchlist_id) is None:
        return False
    AlertDeliveryStore.alongside(platform.store).enable_webhook(watchlist_id, datetime.now(UTC))
    return True
