"""Following a page: the watchlist a "Follow" button makes for a country, region, actor, author
or search, or the value it adds to a watchlist the reader already has.

A search is followed as a new watchlist of its own (its words and filters are one whole); a
place, actor or author may join an existing watchlist, as one more value of its kind (values
of one kind combine with OR, kinds with AND).
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Sequence
from dataclasses import dataclass

from worldbrief.domain.watchlists import Watchlist
from worldbrief.services.platform import Platform
from worldbrief.services.watchlists import (
    WatchlistInputError,
    WatchlistRequest,
    add_watchlist,
    owned_watchlist,
    request_of,
    update_watchlist,
)


class FollowKind(enum.StrEnum):
    COUNTRY = "country"
    REGION = "region"
    ACTOR = "actor"
    AUTHOR = "author"
    SEARCH = "search"


_FIELD = {
    FollowKind.COUNTRY: "countries",
    FollowKind.REGION: "regions",
    FollowKind.ACTOR: "actors",
    FollowKind.AUTHOR: "authors",
}


@dataclass(frozen=True, slots=True)
class FollowTarget:
    """What a page offers to follow; for a search, its words and filters."""

    kind: FollowKind
    label: str  # the watchlist's name when a new one is made
    value: str = ""  # the country code, region id, actor id or author name
    query: str = ""
    countries: Sequence[str] = ()
    regions: Sequence[str] = ()
    article_types: Sequence[str] = ()
    authors: Sequence[str] = ()

    @property
    def joins_existing(self) -> bool:
        return self.kind is not FollowKind.SEARCH

    def as_request(self) -> WatchlistRequest:
        if self.kind is FollowKind.SEARCH:
            return WatchlistRequest(
                name=self.label, query=self.query or None, countries=self.countries,
                regions=self.regions, article_types=self.article_types, authors=self.authors,
            )  # fmt: skip
        return _with_values(WatchlistRequest(name=self.label), self.kind, (self.value,))

    def followed_by(self, watchlist: Watchlist) -> bool:
        """Whether ``watchlist`` already names this target's value (a search: the same one)."""
        c = watchlist.criteria
        if self.kind is FollowKind.SEARCH:
            return c.search is not None and c.search.text == self.query.strip()
        if self.kind is FollowKind.COUNTRY:
            return self.value.upper() in c.countries
        if self.kind is FollowKind.REGION:
            return self.value in c.regions
        if self.kind is FollowKind.ACTOR:
            return self.value in c.actors
        return self.value.casefold() in {a.casefold() for a in c.authors}


def follow(
    platform: Platform, owner_email: str, target: FollowTarget, into: int | None = None
) -> Watchlist:
    """A new watchlist for ``target``, or ``into`` (one of the owner's) with its value added.
    Raises ``WatchlistInputError`` for a value that cannot be followed or an unknown ``into``."""
    if into is None:
        return add_watchlist(platform, owner_email, target.as_request())
    if not target.joins_existing:
        raise WatchlistInputError("a search is followed as a watchlist of its own")
    existing = owned_watchlist(platform, owner_email, into)
    if existing is None:
        raise WatchlistInputError(f"you have no watchlist {into}")
    if target.followed_by(existing):
        return existing
    current = request_of(existing)
    values = (*getattr(current, _FIELD[target.kind]), target.value)
    wanted = _with_values(current, target.kind, values)
    updated = update_watchlist(platform, owner_email, into, wanted)
    if updated is None:
        raise WatchlistInputError(f"you have no watchlist {into}")
    return updated


def _with_values(
    request: WatchlistRequest, kind: FollowKind, values: Sequence[str]
) -> WatchlistRequest:
    if kind is FollowKind.COUNTRY:
        return dataclasses.replace(request, countries=values)
    if kind is FollowKind.REGION:
        return dataclasses.replace(request, regions=values)
    if kind is FollowKind.ACTOR:
        return dataclasses.replace(request, actors=values)
    return dataclasses.replace(request, authors=values)
