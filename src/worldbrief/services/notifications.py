"""In-site notifications: a signed-in reader's alerts, newest first, read or unread, and the
unread count of the site header.

What a notification shows of a members-only article is what the reader may read on alerts
(``Surface.ALERT``, the rule of every other channel): its title, teaser and why it fired for
everyone; an excerpt of the body, or an event's evidence sentences, only for a reader entitled
to the full text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from worldbrief.domain import Article
from worldbrief.domain.linked_events import LinkedEvent
from worldbrief.domain.watchlists import Alert, AlertKind
from worldbrief.membership.entitlements import Surface, entitlement
from worldbrief.membership.roles import Viewer
from worldbrief.services.platform import Platform
from worldbrief.store.event_store import EventStore
from worldbrief.store.notification_store import NotificationStore
from worldbrief.text.characters import clean_text

PAGE_SIZE = 30
UNREAD_CAP = 100  # the header shows "99+" past this: the count never reads more rows
EXCERPT_CHARACTERS = 320


@dataclass(frozen=True, slots=True)
class Notification:
    alert: Alert
    watchlist_name: str
    article: Article | None  # what fired it (for an event, the report); None once deleted
    event: LinkedEvent | None  # an event alert's event; None once unlinked
    full_text: bool  # whether the reader may read the article's body
    excerpt: tuple[str, ...]  # body or evidence sentences; empty unless ``full_text``

    @property
    def unread(self) -> bool:
        return self.alert.read_at is None


@dataclass(frozen=True, slots=True)
class NotificationPage:
    items: tuple[Notification, ...]
    older_than: int | None  # the ``before`` of the next page; None on the last


def notifications_of(platform: Platform) -> NotificationStore:
    return NotificationStore.alongside(platform.store)


def notification_page(
    platform: Platform,
    viewer: Viewer,
    account_id: int,
    before: int | None = None,
    limit: int = PAGE_SIZE,
) -> NotificationPage:
    found = notifications_of(platform).newest(account_id, limit + 1, before)
    shown = found[:limit]
    articles = {a.id: a for a in platform.store.get_many([a.article_id for a, _ in shown])}
    events = EventStore.alongside(platform.store)
    items = []
    for alert, name in shown:
        article = articles.get(alert.article_id)
        event = events.get(alert.item_id) if alert.kind is AlertKind.EVENT else None
        full = article is not None and entitlement(viewer, article.access, Surface.ALERT).full_text
        excerpt: tuple[str, ...] = ()
        if full and article is not None:
            excerpt = (
                _evidence(events, article, alert.item_id)
                if alert.kind is AlertKind.EVENT
                else _opening(article)
            )
        items.append(Notification(alert, name, article, event, full, excerpt))
    older = shown[-1][0].id if len(found) > limit else None
    return NotificationPage(tuple(items), older)


def unread_count(platform: Platform, account_id: int) -> int:
    """Counted up to ``UNREAD_CAP``: one indexed statement, whatever the account's history."""
    return notifications_of(platform).unread_count(account_id, UNREAD_CAP)


def unread_label(platform: Platform, account_id: int) -> str:
    """The header's count: ``""`` for none, ``"99+"`` from ``UNREAD_CAP`` on."""
    count = unread_count(platform, account_id)
    if count >= UNREAD_CAP:
        return f"{UNREAD_CAP - 1}+"
    return str(count) if count else ""


def mark_read(platform: Platform, account_id: int, alert_id: int) -> bool:
    return notifications_of(platform).mark_read(account_id, alert_id, datetime.now(UTC))


def mark_all_read(platform: Platform, account_id: int) -> int:
    return notifications_of(platform).mark_all_read(account_id, datetime.now(UTC))


def _evidence(events: EventStore, article: Article, event_id: str) -> tuple[str, ...]:
    """The sentences of ``article`` that report the event."""
    positions = [p for p, e in events.article_event_ids(article.id).items() if e == event_id]
    mentions = article.enrichment.events
    text = article.plain_text
    return tuple(
        clean_text(text[span.start : span.end]).strip()
        for p in sorted(positions)
        if p < len(mentions)
        for span in mentions[p].evidence
    )


def _opening(article: Article) -> tuple[str, ...]:
    """The body's first paragraphs past the teaser, cut at ``EXCERPT_CHARACTERS``."""
    teaser = " ".join(article.teaser.split())
    paragraphs = [" ".join(p.split()) for p in article.body.split("\n\n")]
    kept: list[str] = []
    left = EXCERPT_CHARACTERS
    for paragraph in _past(paragraphs, teaser):
        if left <= 0:
            break
        cut = paragraph if len(paragraph) <= left else paragraph[:left].rsplit(" ", 1)[0] + " …"
        kept.append(clean_text(cut))
        left -= len(paragraph)
    return tuple(kept)


def _past(paragraphs: Sequence[str], teaser: str) -> list[str]:
    return [p for p in paragraphs if p and p != teaser]
