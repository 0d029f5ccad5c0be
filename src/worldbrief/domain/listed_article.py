"""What an article list of the API shows of each article."""

from __future__ import annotations

from dataclasses import dataclass

from worldbrief.domain.article import Source
from worldbrief.domain.article_head import ArticleHead
from worldbrief.domain.geo import CountryMention, RegionMention


@dataclass(frozen=True, slots=True)
class ListedArticle(ArticleHead):
    """An article as the API lists it, read without its body, places, entities, events or
    evidence: ``countries`` are every country it mentions, strongest first, the first focus
    one marked ``primary``, without evidence spans."""

    countries: tuple[CountryMention, ...]
    regions: tuple[RegionMention, ...]
    reading_minutes: int
    source: Source
