"""The values criteria and items are compared by, normalised the same way on both sides, and
the one kind of criterion each watchlist is indexed under.

A watchlist is indexed under the values of its most selective kind only (an actor before a
division, a division before a country...): an item fetches the watchlists indexed under one
of its values, and each is then checked against all its criteria. Indexing every kind would
fetch a watchlist of "Kazakhstan and protests" for every protest anywhere.
"""

from __future__ import annotations

from worldbrief.domain.watchlists import AlertKind, Facet, WatchCriteria

# Most selective first: the first kind a watchlist names is the one it is indexed under.
ANCHOR_ORDER = (
    Facet.ACTOR,
    Facet.DIVISION,
    Facet.AUTHOR,
    Facet.EVENT_SUBTYPE,
    Facet.COUNTRY,
    Facet.REGION,
    Facet.EVENT_TYPE,
    Facet.ARTICLE_TYPE,
)
ANY_ITEM = "*"  # the value a watchlist with only a saved search is indexed under

Terms = dict[Facet, frozenset[str]]


def author_key(name: str) -> str:
    """An author's name compared case-blind, white space collapsed."""
    return " ".join(name.split()).casefold()


def division_key(country: str, admin1: str) -> str:
    return f"{country.upper()}/{' '.join(admin1.split()).casefold()}"


def criteria_terms(criteria: WatchCriteria) -> Terms:
    """Each kind the criteria name, with its values in the items' normal form."""
    found: Terms = {
        Facet.COUNTRY: frozenset(c.upper() for c in criteria.countries),
        Facet.REGION: frozenset(r.lower() for r in criteria.regions),
        Facet.DIVISION: frozenset(division_key(d.country, d.admin1) for d in criteria.divisions),
        Facet.ACTOR: frozenset(criteria.actors),
        Facet.EVENT_TYPE: frozenset(criteria.event_types),
        Facet.EVENT_SUBTYPE: frozenset(criteria.event_subtypes),
        Facet.AUTHOR: frozenset(author_key(a) for a in criteria.authors),
        Facet.ARTICLE_TYPE: frozenset(criteria.article_types),
    }
    return {facet: values for facet, values in found.items() if values}


def followed_kind(criteria: WatchCriteria) -> AlertKind:
    return AlertKind.EVENT if criteria.follows_events else AlertKind.ARTICLE


def anchor_terms(criteria: WatchCriteria) -> tuple[AlertKind, list[tuple[Facet, str]]]:
    """What the watchlist follows and the (kind, value) pairs it is indexed under."""
    kind = followed_kind(criteria)
    terms = criteria_terms(criteria)
    for facet in ANCHOR_ORDER:
        if facet in terms:
            return kind, [(facet, value) for value in sorted(terms[facet])]
    if criteria.search is None:
        raise ValueError("a watchlist needs at least one criterion")
    return kind, [(Facet.SEARCH, ANY_ITEM)]
