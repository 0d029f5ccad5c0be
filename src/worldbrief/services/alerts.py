"""The alert pass: match what is new in the store against the watchlists, record the alerts.

One pass reads the change log from its cursor to the sequence it found at its start, a batch
at a time. For each batch it loads the new articles and the distinct events they report, asks
the watchlists' inverted index which watchlists any of their values can concern (not every
watchlist against the store), checks those against all their criteria, runs the saved searches
among them against the batch alone, and records the alerts with the cursor in one transaction.
Rules and figures: ``docs/alerts.md``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from worldbrief.alerts.items import AlertItem, article_item, event_item
from worldbrief.alerts.matching import match_reasons
from worldbrief.alerts.terms import ANY_ITEM, Terms, anchor_terms, criteria_terms
from worldbrief.domain import AccessLevel, Article
from worldbrief.domain.watchlists import AlertKind, AlertMatch, Facet, Watchlist
from worldbrief.membership.effective_role import viewer_for
from worldbrief.membership.entitlements import Surface, entitlement
from worldbrief.membership.roles import ANONYMOUS, Role, Viewer
from worldbrief.search.batch import BatchMatcher, batch_matcher
from worldbrief.search.query import QuerySyntaxError, SearchQuery
from worldbrief.services.platform import Platform
from worldbrief.services.search_rises import record_search_rises
from worldbrief.services.trend_alerts import record_trend_alerts
from worldbrief.store import WatchlistStore
from worldbrief.store.records import Change

CHANGES_PER_BATCH = 500
# Only news alerts: an archive ingested today must not flood inboxes with last year's stories.
RECENT = timedelta(days=7)
# An event dated this long before the report that brings it is history retold, not news.
EVENT_AGE_LIMIT = timedelta(days=30)


@dataclass
class AlertPassReport:
    changes: int = 0  # change-log entries read
    articles: int = 0  # new articles considered (recent, not near-duplicates)
    events: int = 0  # distinct events they report
    candidates: int = 0  # watchlists the inverted index offered, summed over batches
    alerts: int = 0  # alerts recorded now (matches recorded before are not counted)
    cursor: int = 0  # where the pass stopped in the change log
    batches: int = 0
    trend_alerts: int = 0  # of them, trend signals of followed places
    search_rises: int = 0  # and rises of saved searches above their baseline


@dataclass
class _Followers:
    """The candidate watchlists of a batch, indexed in memory by their anchor values."""

    watchlists: dict[int, Watchlist] = field(default_factory=dict)
    terms: dict[int, Terms] = field(default_factory=dict)
    by_anchor: dict[tuple[AlertKind, Facet, str], list[int]] = field(
        default_factory=lambda: defaultdict(list)
    )


def run_alert_pass(
    platform: Platform,
    *,
    now: datetime | None = None,
    batch_size: int = CHANGES_PER_BATCH,
    on_batch: Callable[[AlertPassReport], None] | None = None,
) -> AlertPassReport:
    """Read the change log up to where it stands now, record every alert it brings."""
    moment = now or datetime.now(UTC)
    store = WatchlistStore.alongside(platform.store)
    report = AlertPassReport()
    cursor, earliest = store.pass_start()
    until = platform.store.max_seq()
    if earliest is None:  # nothing followed: skip what no one follows
        if cursor is None:  # no cursor yet: the first watchlist starts it
            report.cursor = until
            return report
        if until > cursor:
            store.record([], {}, until, moment)
        report.cursor = max(cursor, until)
        return report
    # Changes up to the oldest watchlist's creation can alert no one.
    cursor = earliest if cursor is None else max(cursor, earliest)
    viewers = _Viewers(store, moment)
    loaded: dict[int, Watchlist | None] = {}
    searched: set[int] = set()
    while cursor < until:
        read = platform.store.changes_since(cursor, batch_size)
        changes = [c for c in read if c.seq <= until]
        if not changes:
            break
        matches, followers = _match_batch(platform, store, changes, moment, viewers, loaded, report)
        # A saved search can rise only when new articles match it: those are checked below.
        searched.update(
            m.watchlist_id for m in matches if any(r.facet is Facet.SEARCH for r in m.reasons)
        )
        deliveries = {w.id: w.delivery for w in followers.watchlists.values()}
        report.alerts += store.record(matches, deliveries, changes[-1].seq, moment)
        cursor = changes[-1].seq
        report.changes += len(changes)
        report.batches += 1
        report.cursor = cursor
        if on_batch is not None:
            on_batch(report)
    report.cursor = cursor
    report.trend_alerts = record_trend_alerts(platform, store, moment, cursor)
    report.search_rises = record_search_rises(platform, store, moment, cursor, searched)
    report.alerts += report.trend_alerts + report.search_rises
    return report


def _match_batch(
    platform: Platform,
    store: WatchlistStore,
    changes: Sequence[Change],
    now: datetime,
    viewers: _Viewers,
    loaded: dict[int, Watchlist | None],
    report: AlertPassReport,
) -> tuple[list[AlertMatch], _Followers]:
    items, articles = _new_items(platform, store, changes, now, report)
    followers = _candidates(store, items, loaded)
    report.candidates += len(followers.watchlists)
    viewers.prepare(followers.watchlists.values())
    matches: list[AlertMatch] = []
    searches = _Searches(articles, viewers)
    for item in items:
        seen: set[int] = set()
        for facet, values in item.terms.items():
            for value in values:
                for watchlist_id in followers.by_anchor.get((item.kind, facet, value), ()):
                    if watchlist_id in seen:
                        continue
                    seen.add(watchlist_id)
                    _check(followers, watchlist_id, item, searches, matches)
    by_article: dict[tuple[AlertKind, str], list[AlertItem]] = defaultdict(list)
    for item in items:
        by_article[(item.kind, item.article_id)].append(item)
    for (kind, facet, _value), ids in followers.by_anchor.items():
        if facet is not Facet.SEARCH:
            continue
        for watchlist_id in ids:  # a search alone: only the items it matched are checked
            for article_id in searches.hits(followers.watchlists[watchlist_id]):
                for item in by_article.get((kind, article_id), ()):
                    _check(followers, watchlist_id, item, searches, matches)
    return matches, followers


def _check(
    followers: _Followers,
    watchlist_id: int,
    item: AlertItem,
    searches: _Searches,
    matches: list[AlertMatch],
) -> None:
    watchlist = followers.watchlists[watchlist_id]
    if item.seq <= watchlist.created_seq:
        return  # stored before the watchlist existed
    hits = searches.hits(watchlist) if watchlist.criteria.search is not None else set()
    reasons = match_reasons(watchlist.criteria, followers.terms[watchlist_id], item, hits)
    if reasons is not None:
        matches.append(
            AlertMatch(watchlist_id, item.kind, item.item_id, item.article_id, item.seq, reasons)
        )


def _new_items(
    platform: Platform,
    store: WatchlistStore,
    changes: Sequence[Change],
    now: datetime,
    report: AlertPassReport,
) -> tuple[list[AlertItem], list[Article]]:
    """The batch's recent articles and the distinct events they report (each event once, with
    the first article of the batch that reports it)."""
    latest: dict[str, int] = {}
    for change in changes:
        if change.op == "upsert":
            latest[change.article_id] = change.seq
        else:
            latest.pop(change.article_id, None)
    articles = [
        a
        for a in platform.store.get_many(list(latest))
        if now - RECENT <= a.published_at <= now + RECENT
    ]
    articles.sort(key=lambda a: latest[a.id])
    items: list[AlertItem] = []
    reported = store.reported_events([a.id for a in articles])
    seen_events: set[str] = set()
    for article in articles:
        seq = latest[article.id]
        if article.duplicate_of is None:  # a near-duplicate repeats its original
            items.append(article_item(article, seq, platform.taxonomy))
            report.articles += 1
        for event in reported.get(article.id, []):
            if event.id in seen_events:
                continue
            oldest = (article.published_at - EVENT_AGE_LIMIT).date()
            if event.date is not None and event.date < oldest:
                continue
            seen_events.add(event.id)
            items.append(event_item(event, article, seq, platform.taxonomy))
            report.events += 1
    return items, articles


def _candidates(
    store: WatchlistStore, items: Sequence[AlertItem], loaded: dict[int, Watchlist | None]
) -> _Followers:
    """The watchlists the index offers for ``items``; ``loaded`` keeps those read by earlier
    batches of the pass (None: its owner is disabled), so each is read once a pass."""
    followers = _Followers()
    for kind in AlertKind:
        pairs = {(f, v) for i in items if i.kind is kind for f, vs in i.terms.items() for v in vs}
        if not pairs:
            continue
        pairs.add((Facet.SEARCH, ANY_ITEM))
        ids = store.candidate_ids(kind, pairs)
        missing = ids - loaded.keys()
        loaded.update(dict.fromkeys(missing))
        loaded.update((w.id, w) for w in store.active(missing))
        for watchlist_id in ids:
            if (watchlist := loaded[watchlist_id]) is not None:
                followers.watchlists[watchlist_id] = watchlist
    for watchlist in followers.watchlists.values():
        followers.terms[watchlist.id] = criteria_terms(watchlist.criteria)
        kind, anchors = anchor_terms(watchlist.criteria)
        for facet, value in anchors:
            followers.by_anchor[(kind, facet, value)].append(watchlist.id)
    return followers


class _Viewers:
    """Whose eyes a saved search matches with: its owner's, as the paywall sees them now."""

    def __init__(self, store: WatchlistStore, now: datetime) -> None:
        self._store = store
        self._now = now
        self._viewers: dict[int, Viewer] = {}

    def prepare(self, watchlists: Iterable[Watchlist]) -> None:
        """Read the owners of the batch's saved searches at once, not one by one."""
        owners = {
            w.owner_id
            for w in watchlists
            if w.criteria.search is not None
            and w.owner_id is not None
            and w.owner_id not in self._viewers
        }
        for owner, (account, subscriptions) in self._store.owners(owners).items():
            self._viewers[owner] = viewer_for(account, subscriptions, self._now)

    def searchable_bodies(self, watchlist: Watchlist) -> frozenset[AccessLevel]:
        viewer = ANONYMOUS
        if watchlist.owner_id is not None:
            viewer = self._viewers.get(watchlist.owner_id, ANONYMOUS)
        return _BODIES[viewer.role]


# What each role's saved searches may match in, as the paywall rules for alerts.
_BODIES = {
    role: frozenset(
        a for a in AccessLevel if entitlement(Viewer(role=role), a, Surface.ALERT).full_text
    )
    for role in Role
}


class _Searches:
    """Each saved search run once per batch, against the batch's articles alone."""

    def __init__(self, articles: Sequence[Article], viewers: _Viewers) -> None:
        self._articles = articles
        self._viewers = viewers
        self._matcher: BatchMatcher | None = None
        self._hits: dict[int, set[str]] = {}

    def hits(self, watchlist: Watchlist) -> set[str]:
        saved = watchlist.criteria.search
        if saved is None:
            return set()
        if watchlist.id not in self._hits:
            if self._matcher is None:
                self._matcher = batch_matcher(self._articles)
            query = SearchQuery(
                text=saved.text,
                countries=saved.countries,
                regions=saved.regions,
                types=saved.types,
                authors=saved.authors,
                facets=(),
                snippets=False,
                searchable_bodies=self._viewers.searchable_bodies(watchlist),
            )
            try:
                self._hits[watchlist.id] = self._matcher.matching_ids(query)
            except QuerySyntaxError:  # checked when saved; a later syntax change matches nothing
                self._hits[watchlist.id] = set()
        return self._hits[watchlist.id]
