"""A reader's alert settings (time zone, quiet hours) and one-click unsubscribe.

The time zone is an IANA name checked with ``zoneinfo``; quiet hours are ``HH:MM-HH:MM`` local
time, possibly across midnight. An unsubscribe token (``alerts/signing.py``) needs no sign-in:
it turns off the email of the watchlists it was signed for, nothing else.
"""

from __future__ import annotations

from datetime import UTC, datetime

from worldbrief.alerts.reader_time import ReaderTimeError, checked_time_zone, parsed_quiet_hours
from worldbrief.alerts.signing import unsubscribe_watchlists
from worldbrief.domain.alert_delivery import ReaderSettings
from worldbrief.domain.watchlists import Watchlist
from worldbrief.services.alert_keys import alert_signing_key
from worldbrief.services.platform import Platform
from worldbrief.services.watchlists import WatchlistInputError, watchlist_owner
from worldbrief.store import AlertDeliveryStore, WatchlistStore

__all__ = ["ReaderTimeError", "reader_settings_of", "set_reader_settings", "unsubscribe"]


def reader_settings_of(platform: Platform, email: str) -> ReaderSettings:
    account_id = _account_id(platform, email)
    found = AlertDeliveryStore.alongside(platform.store).reader_settings([account_id])
    return found.get(account_id, ReaderSettings())


def set_reader_settings(
    platform: Platform, email: str, *, time_zone: str | None = None, quiet_hours: str | None = None
) -> ReaderSettings:
    """Change what is given, keep the rest; raises ``WatchlistInputError`` naming a bad value,
    ``WatchlistOwnerError`` for an unknown address."""
    account_id = _account_id(platform, email)
    store = AlertDeliveryStore.alongside(platform.store)
    current = store.reader_settings([account_id]).get(account_id, ReaderSettings())
    try:
        zone = current.time_zone if time_zone is None else checked_time_zone(time_zone)
        start, end = (
            (current.quiet_start, current.quiet_end)
            if quiet_hours is None
            else parsed_quiet_hours(quiet_hours)
        )
    except ReaderTimeError as error:
        raise WatchlistInputError(str(error)) from None
    changed = ReaderSettings(zone, start, end)
    store.set_reader_settings(account_id, changed, datetime.now(UTC))
    return changed


def unsubscribe_targets(platform: Platform, token: str) -> list[Watchlist] | None:
    """The watchlists a token would unsubscribe (those still there), None for a bad token."""
    ids = unsubscribe_watchlists(alert_signing_key(platform), token)
    if ids is None:
        return None
    store = WatchlistStore.alongside(platform.store)
    return [w for w in (store.get(i) for i in ids) if w is not None]


def unsubscribe(platform: Platform, token: str) -> list[Watchlist] | None:
    """Turn off the email of the token's watchlists; None for a bad token."""
    found = unsubscribe_targets(platform, token)
    if found is None:
        return None
    store = AlertDeliveryStore.alongside(platform.store)
    now = datetime.now(UTC)
    for watchlist in found:
        store.turn_email_off(watchlist.id, now)
    return found


def _account_id(platform: Platform, email: str) -> int:
    return watchlist_owner(platform, email).id
