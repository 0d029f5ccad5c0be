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
from typing import Any

from worldbrief.domain.watchlists import Watchlist
from worldbrief.services.platform import Platform
from worldbrief.services.watchlists import (
    WatchlistInputError,
    WatchlistRequest,
    add_watchlist,
    list_watchlists,
    owned_watchlist,
    remove_watchlist,
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
        """Whether ``watchlist`` follows this target itself: names its value among values of
        that kind only (a place, actor or author: OR'ed), or, for a search, is that search with
        the same filters and nothing else. One that also needs another kind (a search narrowed
        to a country, "Kazakhstan" and "Protests") follows less than the target."""
        c = watchlist.criteria
        if self.kind is not FollowKind.SEARCH:
            field = _FIELD[self.kind]
            alone: dict[str, Any] = {field: ()}
            named = any(self.names(v) for v in getattr(c, field))
            return named and dataclasses.replace(c, **alone).is_empty
        return (
            (c.search.text if c.search else "") == self.query.strip()
            and set(c.countries) == {v.upper() for v in self.countries}
            and set(c.regions) == set(self.regions)
            and {a.casefold() for a in c.authors} == {a.casefold() for a in self.authors}
            and set(c.article_types) == set(self.article_types)
            and not (c.divisions or c.actors or c.event_types or c.event_subtypes)
        )

    def names(self, value: str) -> bool:
        """Whether a stored value of this target's kind is this target's value."""
        if self.kind is FollowKind.COUNTRY:
            return value == self.value.upper()
        if self.kind is FollowKind.AUTHOR:
            return value.casefold() == self.value.casefold()
        return value == self.value


def follow(
    platform: Platform, owner_email: str, target: FollowTarget, into: int | None = None
) -> Watchlist:
    """A new watchlist for ``target``, or ``into`` (one of the owner's) with its value added.
    Raises ``WatchlistInputError`` for a value that cannot be followed or an unknown ``into``."""
    if into is None:
        # Follow pressed again (or twice at once) finds the watchlist the first press made.
        return add_watchlist(
            platform, owner_email, target.as_request(), existing=target.followed_by
        )
    if not target.joins_existing:
        raise WatchlistInputError("a search is followed as a watchlist of its own")
    existing = owned_watchlist(platform, owner_email, into)
    if existing is None:
        raise WatchlistInputError("you have no such watchlist")
    if any(target.names(v) for v in getattr(existing.criteria, _FIELD[target.kind])):
        return existing
    current = request_of(existing)
    values = (*getattr(current, _FIELD[target.kind]), target.value)
    wanted = _with_values(current, target.kind, values)
    updated = update_watchlist(platform, owner_email, into, wanted)
    if updated is None:
        raise WatchlistInputError("you have no such watchlist")
    return updated


def unfollow(platform: Platform, owner_email: str, target: FollowTarget) -> int:
    """Stop following ``target``: its value leaves each of the owner's watchlists that follow
    it (``followed_by``); one left with no value (as Follow made it) goes, as does a followed
    search. Watchlists that combine it with another kind are left as they are. Returns how
    many watchlists changed or went."""
    changed = 0
    for watchlist in list_watchlists(platform, owner_email):
        if not target.followed_by(watchlist):
            continue
        changed += 1
        if target.kind is FollowKind.SEARCH:
            remove_watchlist(platform, watchlist.id)
            continue
        kept = [v for v in getattr(watchlist.criteria, _FIELD[target.kind]) if not target.names(v)]
        if not kept:
            remove_watchlist(platform, watchlist.id)
            continue
        wanted = _with_values(request_of(watchlist), target.kind, kept)
        update_watchlist(platform, owner_email, watchlist.id, wanted)
    return changed


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
