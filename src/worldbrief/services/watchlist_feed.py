"""A watchlist's private Atom feed: its newest alerts, each with what fired it.

The feed is the owner's, reached by a token in its URL: what it carries of a members-only
article is what the owner may read on alerts (``Surface.ALERT``), never more, so a feed of a
non-member shows a locked article's title, teaser and why it fired, not its body. Events carry
their fields, which everyone may see; their evidence stays on the event page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from worldbrief.domain import Article
from worldbrief.domain.linked_events import LinkedEvent
from worldbrief.domain.watchlists import Alert, AlertKind, Watchlist
from worldbrief.membership.effective_role import viewer_for
from worldbrief.membership.entitlements import Surface, entitlement
from worldbrief.membership.roles import ANONYMOUS, Viewer
from worldbrief.services.platform import Platform
from worldbrief.services.watchlists import watchlist_for_atom_token, watchlists_of
from worldbrief.store.event_store import EventStore

FEED_SIZE = 30


@dataclass(frozen=True, slots=True)
class AlertEntry:
    alert: Alert
    article: Article | None  # the article that fired it (gone when deleted since)
    event: LinkedEvent | None  # for an event alert, the event (gone when unlinked since)
    full_text: bool  # whether the owner may read the article's body on alerts


@dataclass(frozen=True, slots=True)
class WatchlistFeed:
    watchlist: Watchlist
    entries: tuple[AlertEntry, ...]


def watchlist_feed(platform: Platform, token: str, limit: int = FEED_SIZE) -> WatchlistFeed | None:
    """The feed the token opens, or None for an unknown or revoked token."""
    watchlist = watchlist_for_atom_token(platform, token)
    if watchlist is None:
        return None
    store = watchlists_of(platform)
    alerts = store.alerts_of(watchlist.id, limit)
    articles = {a.id: a for a in platform.store.get_many([a.article_id for a in alerts])}
    events = EventStore.alongside(platform.store)
    viewer = _owner_viewer(platform, watchlist)
    entries = []
    for alert in alerts:
        article = articles.get(alert.article_id)
        event = events.get(alert.item_id) if alert.kind is AlertKind.EVENT else None
        full = article is not None and entitlement(viewer, article.access, Surface.ALERT).full_text
        entries.append(AlertEntry(alert, article, event, full))
    return WatchlistFeed(watchlist, tuple(entries))


def _owner_viewer(platform: Platform, watchlist: Watchlist) -> Viewer:
    if watchlist.owner_id is None:
        return ANONYMOUS
    found = watchlists_of(platform).owners([watchlist.owner_id]).get(watchlist.owner_id)
    if found is None:
        return ANONYMOUS
    account, subscriptions = found
    return viewer_for(account, subscriptions, datetime.now(UTC))
