"""The geoparser contract: where a text is about, as places, countries and regions with evidence.

``annotate`` (CLI and API) and the ``geotag`` enrichment stage both call a ``Geoparser``. Offsets
in a result are character offsets into ``GeoparseRequest.text``; the title, when given separately,
is context only (a title counts for more when deciding focus).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from worldbrief.domain import CountryMention, PlaceMention, RegionMention, Span


@dataclass(frozen=True, slots=True)
class GeoparseRequest:
    text: str
    title: str | None = None
    published_at: datetime | None = None
    # Gold-span mode: resolve exactly these spans (one place each, same order), recognise nothing.
    spans: tuple[Span, ...] | None = None
    # When the title is the start of ``text`` (as in Article.plain_text): where the body begins.
    body_start: int = 0


@dataclass(frozen=True, slots=True)
class GeoparseResult:
    places: tuple[PlaceMention | None, ...]  # None only in gold-span mode, for an unresolved span
    countries: tuple[CountryMention, ...]
    regions: tuple[RegionMention, ...]


class Geoparser(Protocol):
    def geoparse(self, request: GeoparseRequest) -> GeoparseResult: ...
