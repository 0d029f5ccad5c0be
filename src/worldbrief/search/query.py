"""What a search asks and what it returns, independent of the engine behind it."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from worldbrief.domain import AccessLevel


class SortOrder(enum.StrEnum):
    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"


class Facet(enum.StrEnum):
    COUNTRY = "country"
    REGION = "region"
    TYPE = "type"
    AUTHOR = "author"
    YEAR = "year"


class QuerySyntaxError(ValueError):
    """The user's query text cannot be parsed; the message says what and where."""


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """``text`` uses the syntax users know: words, "phrases", OR, -exclude, field:value.

    Filters combine with AND across kinds and OR within one kind (two countries = either).
    ``date_from`` and ``date_to`` are inclusive bounds on ``published_at`` (UTC).
    ``searchable_bodies``: the access levels whose bodies the words may match; titles, teasers
    and metadata are always searched. The index applies it as given: the caller narrows it to
    what the viewer may read. Without ``snippets`` a hit's title is plain escaped text and its
    snippets are the leading excerpts, with nothing marked.
    """

    text: str = ""
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    date_from: datetime | None = None
    date_to: datetime | None = None
    sort: SortOrder = SortOrder.RELEVANCE
    page: int = 1
    per_page: int = 20
    facets: tuple[Facet, ...] = tuple(Facet)
    searchable_bodies: frozenset[AccessLevel] = frozenset(AccessLevel)
    # Highlighted titles and snippets cost most of a search; surfaces that carry whole
    # articles (feeds, exports) show neither and turn them off.
    snippets: bool = True

    @property
    def offset(self) -> int:
        return (max(self.page, 1) - 1) * self.per_page


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One matching article. ``snippet_html`` is escaped text with ``<mark>`` around matches;
    ``teaser_snippet_html`` is the same drawn from the teaser only (what non-members may see)."""

    article_id: str
    score: float
    title: str
    title_html: str
    snippet_html: str
    teaser_snippet_html: str
    published_at: datetime
    type: str
    access: str
    countries: tuple[str, ...]
    regions: tuple[str, ...]
    authors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FacetCount:
    value: str
    count: int


@dataclass(frozen=True, slots=True)
class SearchResult:
    total: int
    hits: tuple[SearchHit, ...]
    facets: dict[Facet, tuple[FacetCount, ...]] = field(default_factory=dict)
    query: SearchQuery = field(default_factory=SearchQuery)
