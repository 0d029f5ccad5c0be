"""Watchlist criteria and alert reasons as the JSON the store keeps, and rows as domain objects."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from worldbrief.domain.watchlists import (
    Alert,
    AlertKind,
    Delivery,
    DeliveryState,
    Division,
    EmailMode,
    Facet,
    MatchReason,
    SavedSearch,
    WatchCriteria,
    Watchlist,
)


def criteria_json(criteria: WatchCriteria) -> dict[str, Any]:
    search = criteria.search
    return {
        "countries": list(criteria.countries),
        "regions": list(criteria.regions),
        "divisions": [[d.country, d.admin1] for d in criteria.divisions],
        "actors": list(criteria.actors),
        "event_types": list(criteria.event_types),
        "event_subtypes": list(criteria.event_subtypes),
        "authors": list(criteria.authors),
        "article_types": list(criteria.article_types),
        "search": None
        if search is None
        else {
            "text": search.text,
            "countries": list(search.countries),
            "regions": list(search.regions),
            "types": list(search.types),
            "authors": list(search.authors),
        },
    }


def criteria_of(data: Mapping[str, Any]) -> WatchCriteria:
    search = data.get("search")
    return WatchCriteria(
        countries=tuple(data.get("countries", ())),
        regions=tuple(data.get("regions", ())),
        divisions=tuple(Division(c, a) for c, a in data.get("divisions", ())),
        actors=tuple(data.get("actors", ())),
        event_types=tuple(data.get("event_types", ())),
        event_subtypes=tuple(data.get("event_subtypes", ())),
        authors=tuple(data.get("authors", ())),
        article_types=tuple(data.get("article_types", ())),
        search=None
        if not search
        else SavedSearch(
            text=search["text"],
            countries=tuple(search.get("countries", ())),
            regions=tuple(search.get("regions", ())),
            types=tuple(search.get("types", ())),
            authors=tuple(search.get("authors", ())),
        ),
    )


def reasons_json(reasons: tuple[MatchReason, ...]) -> list[list[str]]:
    return [[r.facet.value, r.value] for r in reasons]


def reasons_of(data: Any) -> tuple[MatchReason, ...]:
    return tuple(MatchReason(Facet(facet), value) for facet, value in data or ())


def watchlist_of(row: Mapping[Any, Any]) -> Watchlist:
    return Watchlist(
        id=int(row["id"]),
        owner_id=None if row["account_id"] is None else int(row["account_id"]),
        name=row["name"],
        criteria=criteria_of(row["criteria"]),
        delivery=Delivery(EmailMode(row["email_mode"]), row["webhook_url"]),
        created_at=row["created_at"],
        created_seq=int(row["created_seq"]),
        has_atom_token=row["atom_token_hash"] is not None,
        owner_email=row.get("email"),
    )


def alert_of(row: Mapping[Any, Any]) -> Alert:
    return Alert(
        id=int(row["id"]),
        watchlist_id=int(row["watchlist_id"]),
        kind=AlertKind(row["kind"]),
        item_id=row["item_id"],
        article_id=row["article_id"],
        reasons=reasons_of(row["reasons"]),
        created_at=row["created_at"],
        email=DeliveryState(row["email_state"]),
        webhook=DeliveryState(row["webhook_state"]),
        read_at=row["read_at"],
    )
