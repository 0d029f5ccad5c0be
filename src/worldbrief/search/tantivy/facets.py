"""Facet counts over the matching articles, from terms aggregations on fast fields."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from worldbrief.search.query import Facet, FacetCount
from worldbrief.search.tantivy import schema as fields

FACET_SIZE = 50

FACET_FIELDS: dict[Facet, str] = {
    Facet.COUNTRY: fields.COUNTRY,
    Facet.REGION: fields.REGION,
    Facet.TYPE: fields.TYPE,
    Facet.AUTHOR: fields.AUTHOR,
    Facet.YEAR: fields.YEAR,
}


def aggregation_request(facets: Sequence[Facet]) -> dict[str, Any]:
    return {
        facet.value: {"terms": {"field": FACET_FIELDS[facet], "size": FACET_SIZE}}
        for facet in dict.fromkeys(facets)
    }


def facet_counts(
    facets: Sequence[Facet], response: Mapping[str, Any]
) -> dict[Facet, tuple[FacetCount, ...]]:
    """Most frequent first; ties in value order so pages do not reshuffle between requests."""
    counts: dict[Facet, tuple[FacetCount, ...]] = {}
    for facet in facets:
        buckets = response.get(facet.value, {}).get("buckets", [])
        found = [FacetCount(_key(facet, b["key"]), int(b["doc_count"])) for b in buckets]
        found.sort(key=lambda c: (-c.count, c.value))
        counts[facet] = tuple(found)
    return counts


def empty_counts(facets: Sequence[Facet]) -> dict[Facet, tuple[FacetCount, ...]]:
    return {facet: () for facet in facets}


def _key(facet: Facet, key: object) -> str:
    if facet is Facet.YEAR and isinstance(key, int | float):
        return str(int(key))
    return str(key)
