"""The key signing alert unsubscribe links and deriving webhook secrets: the configured one,
or one made and kept in the store on first use (the same for every process of the site)."""

from __future__ import annotations

from worldbrief.services.platform import Platform
from worldbrief.store import AlertDeliveryStore

KEY_NAME = "alert_signing"


def alert_signing_key(platform: Platform) -> str:
    configured = platform.settings.alert_signing_key
    if configured:
        return configured
    return AlertDeliveryStore.alongside(platform.store).key(KEY_NAME)
