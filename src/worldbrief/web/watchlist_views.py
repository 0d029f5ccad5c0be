"""What the account pages show of a watchlist (its criteria as links a reader recognises) and
of a notification (a title, a link to what fired it, why, and what the paywall allows)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from worldbrief.domain import ArticleType
from worldbrief.domain.watchlists import EmailMode, Watchlist
from worldbrief.services.notifications import Notification
from worldbrief.services.platform import Platform
from worldbrief.services.search_rises import rise_link
from worldbrief.services.trend_alerts import signal_link
from worldbrief.web.event_page_views import actor_page_url, event_page_url
from worldbrief.web.views import article_url, country_url, region_url

EMAIL_LABELS = {
    EmailMode.IMMEDIATE: "as they happen",
    EmailMode.DAILY: "daily digest",
    EmailMode.WEEKLY: "weekly digest",
    EmailMode.OFF: "off",
}


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class CriterionRow:
    label: str
    values: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class WatchlistRow:
    id: int
    name: str
    follows: str  # "articles" or "events"
    criteria: tuple[CriterionRow, ...]
    email: str
    webhook: str | None
    webhook_state: str | None  # "working", "failing (...)", "disabled: ..."; None untried
    has_feed: bool

    @property
    def webhook_disabled(self) -> bool:
        return (self.webhook_state or "").startswith("disabled")


def watchlist_row(
    platform: Platform, watchlist: Watchlist, webhook_state: str | None = None
) -> WatchlistRow:
    c = watchlist.criteria
    taxonomy = platform.taxonomy

    def country(code: str) -> Link:
        found = taxonomy.find_country(code)
        return Link(found.name if found else code, country_url(code))

    def region(region_id: str) -> Link:
        found = taxonomy.find_region(region_id)
        return Link(found.name if found else region_id, region_url(region_id))

    rows = [
        CriterionRow("Countries", tuple(country(v) for v in c.countries)),
        CriterionRow("Regions", tuple(region(v) for v in c.regions)),
        CriterionRow("Divisions", tuple(Link(d.key) for d in c.divisions)),
        CriterionRow("Actors", tuple(Link(v, actor_page_url(v)) for v in c.actors)),
        CriterionRow("Event types", tuple(Link(v) for v in (*c.event_types, *c.event_subtypes))),
        CriterionRow(
            "Authors",
            tuple(Link(v, "/search?" + urlencode({"author": v})) for v in c.authors),
        ),
        CriterionRow("Article types", tuple(Link(_type_label(v)) for v in c.article_types)),
    ]
    if c.search is not None:
        rows.append(
            CriterionRow(
                "Search", (Link(c.search.text, "/search?" + urlencode({"q": c.search.text})),)
            )
        )
    return WatchlistRow(
        id=watchlist.id,
        name=watchlist.name,
        follows="events" if c.follows_events else "articles",
        criteria=tuple(r for r in rows if r.values),
        email=EMAIL_LABELS[watchlist.delivery.email],
        webhook=watchlist.delivery.webhook_url,
        webhook_state=webhook_state,
        has_feed=watchlist.has_atom_token,
    )


@dataclass(frozen=True, slots=True)
class NotificationRow:
    id: int
    unread: bool
    watchlist_name: str
    watchlist_id: int
    created_at: str  # ISO, for <time>
    created_label: str
    kind: str
    title: str
    url: str | None
    why: str
    teaser: str | None
    locked: bool  # a members-only article this reader may not read past its teaser
    excerpt: tuple[str, ...]
    reported_in: Link | None  # an event alert's report


def notification_row(item: Notification) -> NotificationRow:
    alert, article, event = item.alert, item.article, item.event
    reported_in = None
    if event is not None:
        where = ", ".join(p for p in (event.admin1, event.country) if p)
        when = f" on {event.date:%-d %B %Y}" if event.date else ""
        title = f"{event.subtype} in {where or 'an unknown place'}{when}"
        url: str | None = event_page_url(event.id)
        if article is not None:
            reported_in = Link(article.title, article_url(article.id, article.title))
    elif article is not None:
        title, url = article.title, article_url(article.id, article.title)
    elif (signal := signal_link(alert) or rise_link(alert)) is not None:
        title, url = signal
    else:
        title, url = f"{alert.kind.value.capitalize()} no longer stored", None
    return NotificationRow(
        id=alert.id,
        unread=item.unread,
        watchlist_name=item.watchlist_name,
        watchlist_id=alert.watchlist_id,
        created_at=alert.created_at.isoformat(),
        created_label=f"{alert.created_at:%-d %b %Y, %H:%M} UTC",
        kind=alert.kind.value,
        title=title,
        url=url,
        why=alert.why,
        teaser=article.teaser if article is not None and event is None else None,
        locked=article is not None and not item.full_text,
        excerpt=item.excerpt,
        reported_in=reported_in,
    )


def feed_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/feeds/watchlists/{quote(token, safe='')}.atom"


def _type_label(value: str) -> str:
    try:
        return ArticleType(value).label
    except ValueError:
        return value
