"""What every read of an article for a list or a feed shows, whatever else it reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from worldbrief.domain.article import AccessLevel, ArticleType, Author


@dataclass(frozen=True, slots=True)
class ArticleHead:
    """An article's identity, title, teaser, dates, authors and access: the part a headline
    (``ArticleHeadline``) and an Atom entry (``FeedArticle``) share. Each extends it with what
    it shows besides, so the two lean reads cannot drift apart on these fields."""

    id: str
    type: ArticleType
    title: str
    teaser: str
    published_at: datetime
    updated_at: datetime | None
    authors: tuple[Author, ...]
    access: AccessLevel
