"""What an Atom entry of an article shows, and the entry a viewer is given."""

from __future__ import annotations

from dataclasses import dataclass

from worldbrief.domain.article import BodyFormat
from worldbrief.domain.article_head import ArticleHead
from worldbrief.domain.geo import CountryMention


@dataclass(frozen=True, slots=True)
class FeedArticle(ArticleHead):
    """An article as a feed entry reads it: no places, entities, events or evidence.

    ``focus_countries`` are in stored order (strongest first). ``seq`` is the change-log
    sequence of the article's last write: a new one with every write, so it versions whatever
    is derived from the body (its rendering)."""

    focus_countries: tuple[CountryMention, ...]
    body: str
    body_format: BodyFormat
    seq: int


@dataclass(frozen=True, slots=True)
class FeedEntry:
    article: FeedArticle
    content_html: str | None  # the body when the viewer may read it on feeds, else None
