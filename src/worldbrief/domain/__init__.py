"""Domain objects: frozen dataclasses shared by every layer. Imports nothing of ours."""

from worldbrief.domain.article import (
    AccessLevel,
    Article,
    ArticleType,
    Author,
    BodyFormat,
    Enrichment,
    Source,
)
from worldbrief.domain.entities import NamedEntity
from worldbrief.domain.events import EntityType
from worldbrief.domain.feed import Feed
from worldbrief.domain.geo import (
    Country,
    CountryMention,
    PlaceMention,
    Region,
    RegionMention,
)
from worldbrief.domain.raw import RawDocument, RejectedRecord
from worldbrief.domain.spans import Span

__all__ = [
    "AccessLevel",
    "Article",
    "ArticleType",
    "Author",
    "BodyFormat",
    "Country",
    "CountryMention",
    "Enrichment",
    "EntityType",
    "Feed",
    "NamedEntity",
    "PlaceMention",
    "RawDocument",
    "Region",
    "RegionMention",
    "RejectedRecord",
    "Source",
    "Span",
]
