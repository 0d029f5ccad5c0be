"""Rises of a saved search as alerts: the articles matching it published in the last day are
more than 3 times its daily baseline (the 7 days before), from at least 2 distinct sources;
once per watchlist and day (UTC).

A saved search can rise only when new articles match it, so the pass checks the watchlists
whose search matched an article it read, not every saved search. Counted with the search
index, as the owner may search (the paywall's alert rule for bodies): per such watchlist not
yet alerted today, the totals of two searches (the 7
days before, the last day); only when the counts rise, the last day's newest ``SOURCE_HITS``
hits and one read of their sources (not their bodies). The cost follows the saved searches,
not the store. See ``docs/alerts.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from worldbrief.domain import AccessLevel
from worldbrief.domain.watchlists import (
    Alert,
    AlertKind,
    AlertMatch,
    Facet,
    MatchReason,
    SavedSearch,
    Watchlist,
)
from worldbrief.membership.effective_role import viewer_for
from worldbrief.membership.entitlements import Surface, entitlement
from worldbrief.membership.roles import ANONYMOUS, Viewer
from worldbrief.search.query import QuerySyntaxError, SearchQuery, SortOrder
from worldbrief.services.platform import Platform
from worldbrief.store import WatchlistStore

RISE_FACTOR = 3  # more than this many times the daily baseline
MIN_SOURCES = 2
BASELINE_DAYS = 7
# A baseline of no articles at all counts as one a day: four articles on a new subject rise,
# one does not.
MIN_DAILY_BASELINE = 1
SOURCE_HITS = 100  # the last day's hits read for their sources (newest first)


@dataclass(frozen=True, slots=True)
class SearchRise:
    day_count: int
    daily_baseline: float
    sources: int

    @property
    def fires(self) -> bool:
        base = max(self.daily_baseline, MIN_DAILY_BASELINE)
        return self.day_count > RISE_FACTOR * base and self.sources >= MIN_SOURCES


def record_search_rises(
    platform: Platform, store: WatchlistStore, now: datetime, cursor: int, ids: Iterable[int]
) -> int:
    """Check the saved searches of the watchlists ``ids`` (those new articles matched in this
    pass) not alerted today; record the rises; returns how many."""
    day = now.date().isoformat()
    wanted = set(ids)
    done = store.already_alerted(wanted, AlertKind.SEARCH_RISE, day)
    waiting = [w for w in store.active(wanted - done) if w.criteria.search is not None]
    if not waiting:
        return 0
    owners = store.owners({w.owner_id for w in waiting if w.owner_id is not None})
    matches = []
    for watchlist in waiting:
        viewer = ANONYMOUS
        if watchlist.owner_id in owners:
            account, subscriptions = owners[watchlist.owner_id]
            viewer = viewer_for(account, subscriptions, now)
        rise = search_rise(platform, watchlist, viewer, now)
        if rise is None or not rise.fires:
            continue
        detail = (f"{rise.day_count} articles in the last day against "
                  f"{rise.daily_baseline:.1f} a day over the {BASELINE_DAYS} days before, "
                  f"from {rise.sources} sources")  # fmt: skip
        assert watchlist.criteria.search is not None
        reasons = (
            MatchReason(Facet.SEARCH, watchlist.criteria.search.text),
            MatchReason(Facet.SIGNAL, detail),
        )
        matches.append(AlertMatch(watchlist.id, AlertKind.SEARCH_RISE, day, "", cursor, reasons))
    return store.record(matches, {w.id: w.delivery for w in waiting}, cursor, now)


def search_rise(
    platform: Platform, watchlist: Watchlist, viewer: Viewer, now: datetime
) -> SearchRise | None:
    """The saved search's last day against its baseline; None when it cannot run."""
    saved = watchlist.criteria.search
    if saved is None:
        return None
    bodies = frozenset(a for a in AccessLevel if entitlement(viewer, a, Surface.ALERT).full_text)
    day_start = now - timedelta(days=1)
    week_start = day_start - timedelta(days=BASELINE_DAYS)
    try:
        before = platform.index.search(_query(saved, bodies, week_start, day_start, 1))
        daily = before.total / BASELINE_DAYS
        day = platform.index.search(_query(saved, bodies, day_start, now, 1))
        if day.total <= RISE_FACTOR * max(daily, MIN_DAILY_BASELINE):
            return SearchRise(day.total, daily, 0)  # no rise: its sources need not be read
        day = platform.index.search(_query(saved, bodies, day_start, now, SOURCE_HITS))
    except QuerySyntaxError:  # checked when saved; a later syntax change matches nothing
        return None
    # The bounds are inclusive: an article at the very boundary counts in both, at most.
    hits = [h.article_id for h in day.hits]
    sources = WatchlistStore.alongside(platform.store).source_count(hits)
    return SearchRise(day.total, daily, sources)


def rise_link(alert: Alert) -> tuple[str, str] | None:
    """A rise alert's title and the path of its search; None for an alert of another kind."""
    if alert.kind is not AlertKind.SEARCH_RISE or not alert.reasons:
        return None
    text = alert.reasons[0].value
    return f"Rise of the search: {text}", "/search?" + urlencode({"q": text, "sort": "newest"})


def _query(
    saved: SavedSearch,
    bodies: frozenset[AccessLevel],
    start: datetime,
    end: datetime,
    hits: int,
) -> SearchQuery:
    return SearchQuery(
        text=saved.text,
        countries=saved.countries,
        regions=saved.regions,
        types=saved.types,
        authors=saved.authors,
        date_from=start,
        date_to=end,
        sort=SortOrder.NEWEST,
        per_page=hits,
        facets=(),
        snippets=False,
        searchable_bodies=bodies,
    )
