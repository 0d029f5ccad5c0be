"""Whether an item meets a watchlist's criteria, and the reasons to give when it does."""

from __future__ import annotations

from collections.abc import Collection

from worldbrief.alerts.items import AlertItem
from worldbrief.alerts.terms import Terms, followed_kind
from worldbrief.domain.watchlists import Facet, MatchReason, WatchCriteria


def match_reasons(
    criteria: WatchCriteria,
    terms: Terms,
    item: AlertItem,
    search_matches: Collection[str] = (),
) -> tuple[MatchReason, ...] | None:
    """The reasons ``item`` meets every criterion (AND across kinds, OR within one), or None.

    ``terms`` are the criteria's normal forms (``criteria_terms``); ``search_matches`` the ids
    of the articles the saved search matched among this pass's new articles."""
    if item.kind is not followed_kind(criteria):
        return None
    reasons: list[MatchReason] = []
    for facet, wanted in terms.items():
        met = wanted & item.terms.get(facet, frozenset())
        if not met:
            return None
        reasons.append(MatchReason(facet, min(met)))
    if criteria.search is not None:
        if item.article_id not in search_matches:
            return None
        reasons.append(MatchReason(Facet.SEARCH, criteria.search.text))
    return tuple(reasons)
