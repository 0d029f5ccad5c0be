"""What an alert says to its reader on a delivery channel (mail, webhook), paywall applied.

The rule is the paywall's for alerts (``Surface.ALERT``), decided here for every channel: for
a members-only article whose owner may not read the body, an alert carries its title, teaser,
why it fired and links to its page; never the body, never an event's evidence sentences. A
reader who may read it gets the full-text link as well. Delivery never carries a body at all
(the link leads to it), so nothing of a locked article can leak through a channel.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import quote

from slugify import slugify

from worldbrief.domain import AccessLevel, Article
from worldbrief.domain.alert_delivery import QueuedAlert
from worldbrief.domain.linked_events import LinkedEvent
from worldbrief.domain.watchlists import AlertKind, Facet, TrendKey
from worldbrief.membership.effective_role import viewer_for
from worldbrief.membership.entitlements import Surface, entitlement
from worldbrief.membership.roles import ANONYMOUS, Viewer
from worldbrief.services.platform import Platform
from worldbrief.services.search_rises import rise_link
from worldbrief.services.trend_alerts import signal_page, signal_place
from worldbrief.store import WatchlistStore
from worldbrief.store.event_store import EventStore

_SLUG_MAX = 80


@dataclass(frozen=True, slots=True)
class AlertView:
    alert_id: int
    watchlist_id: int
    watchlist_name: str
    kind: AlertKind
    why: str
    recorded_at: datetime
    title: str
    teaser: str
    url: str  # the article's page, or the event's
    place: str  # what a digest groups it under: a division, a country, or "Elsewhere"
    day: date  # the day it happened (an event's date) or was published
    members_only: bool
    full_text_url: str | None  # only for a reader who may read the body
    subscribe_url: str | None  # for one who may not
    event_type: str | None = None
    event_subtype: str | None = None
    article_id: str | None = None
    event_id: str | None = None


def alert_views(
    platform: Platform, queued: Sequence[QueuedAlert], now: datetime
) -> list[AlertView]:
    """The views of ``queued``, each as its watchlist's owner may see it now; an alert whose
    article was deleted since is left out (there is nothing to link to)."""
    wanted = {q.alert.article_id for q in queued if q.alert.article_id}
    articles = {a.id: a for a in platform.store.get_many(list(wanted))}
    events = EventStore.alongside(platform.store)
    viewers = _owner_viewers(platform, {q.watchlist.owner_id for q in queued}, now)
    base = platform.settings.base_url.rstrip("/")
    views = []
    for item in queued:
        if (key := TrendKey.parse(item.alert.item_id)) and item.alert.kind is AlertKind.TREND:
            views.append(_trend_view(platform, item, key, base))
            continue
        if (rise := rise_link(item.alert)) is not None:
            views.append(_rise_view(item, rise, base))
            continue
        article = articles.get(item.alert.article_id)
        if article is None:
            continue
        event = events.get(item.alert.item_id) if item.alert.kind is AlertKind.EVENT else None
        viewer = viewers.get(item.watchlist.owner_id, ANONYMOUS)
        views.append(_view(platform, item, article, event, viewer, base))
    return views


def grouped(views: Iterable[AlertView]) -> dict[str, dict[str, list[AlertView]]]:
    """By watchlist name, then place, in the order first met."""
    groups: dict[str, dict[str, list[AlertView]]] = defaultdict(lambda: defaultdict(list))
    for view in views:
        groups[view.watchlist_name][view.place].append(view)
    return {name: dict(places) for name, places in groups.items()}


def _view(
    platform: Platform,
    item: QueuedAlert,
    article: Article,
    event: LinkedEvent | None,
    viewer: Viewer,
    base: str,
) -> AlertView:
    alert = item.alert
    page = base + f"/articles/{quote(article.id, safe='')}/{_slug(article.title)}"
    full = entitlement(viewer, article.access, Surface.ALERT).full_text
    members_only = article.access is not AccessLevel.FREE
    url = page
    title = article.title
    day = article.published_at.date()
    if event is not None:
        url = base + f"/events/{quote(event.id, safe='')}"
        title = f"{event.subtype} — reported in {article.title}"
        day = event.date or event.first_reported.date()
    return AlertView(
        alert_id=alert.id,
        watchlist_id=item.watchlist.id,
        watchlist_name=item.watchlist.name,
        kind=alert.kind,
        why=alert.why,
        recorded_at=alert.created_at,
        title=title,
        teaser=article.teaser,
        url=url,
        place=_place(platform, alert.reasons, article, event),
        day=day,
        members_only=members_only,
        full_text_url=page if full else None,
        subscribe_url=None if full else base + "/subscribe",
        event_type=event.type if event else None,
        event_subtype=event.subtype if event else None,
        article_id=article.id,
        event_id=event.id if event else None,
    )


def _trend_view(platform: Platform, item: QueuedAlert, key: TrendKey, base: str) -> AlertView:
    """A trend signal: counts and place names only, so it is the same for every reader."""
    alert = item.alert
    place = signal_place(platform, key)
    return AlertView(
        alert_id=alert.id,
        watchlist_id=item.watchlist.id,
        watchlist_name=item.watchlist.name,
        kind=alert.kind,
        why=alert.why,
        recorded_at=alert.created_at,
        title=alert.reasons[0].value if alert.reasons else alert.why,
        teaser="",
        url=base + signal_page(key),
        place=place,
        day=date.fromisoformat(key.period),
        members_only=False,
        full_text_url=None,
        subscribe_url=None,
    )


def _rise_view(item: QueuedAlert, link: tuple[str, str], base: str) -> AlertView:
    """A saved search's rise: its own words and counts, the same for every reader."""
    alert = item.alert
    return AlertView(
        alert_id=alert.id,
        watchlist_id=item.watchlist.id,
        watchlist_name=item.watchlist.name,
        kind=alert.kind,
        why=alert.why,
        recorded_at=alert.created_at,
        title=link[0],
        teaser="",
        url=base + link[1],
        place="Elsewhere",
        day=date.fromisoformat(alert.item_id),
        members_only=False,
        full_text_url=None,
        subscribe_url=None,
    )


def _place(
    platform: Platform, reasons: Iterable[object], article: Article, event: LinkedEvent | None
) -> str:
    for reason in reasons:
        facet = getattr(reason, "facet", None)
        value = str(getattr(reason, "value", ""))
        if facet is Facet.DIVISION:
            country, _, admin1 = value.partition("/")
            return f"{admin1}, {_country(platform, country)}"
        if facet is Facet.COUNTRY:
            return _country(platform, value)
    if event is not None and event.country:
        if event.admin1:
            return f"{event.admin1}, {_country(platform, event.country)}"
        return _country(platform, event.country)
    focus = article.enrichment.focus_countries
    return _country(platform, focus[0].code) if focus else "Elsewhere"


def _country(platform: Platform, code: str) -> str:
    found = platform.taxonomy.find_country(code.upper())
    return found.name if found else code.upper()


def _slug(title: str) -> str:
    return slugify(title, max_length=_SLUG_MAX, word_boundary=True) or "article"


def _owner_viewers(
    platform: Platform, owners: Iterable[int | None], now: datetime
) -> dict[int | None, Viewer]:
    ids = [o for o in owners if o is not None]
    found = WatchlistStore.alongside(platform.store).owners(ids)
    return {owner: viewer_for(account, subs, now) for owner, (account, subs) in found.items()}
