"""Article bodies rendered for feeds (Markdown to HTML, sanitised), kept per article version.

Rendering a Markdown body of 440 words takes about 0.9 ms, and a feed carries up to thirty;
the same articles recur in the latest, region, country and search feeds, and kept pages are
all dropped at every write (decision 0009), while a body changes only with its own article.
A rendering is kept under ``(article id, seq)``, ``seq`` being the change-log sequence of the
article's last write, which every write moves: a changed body is never answered from the
cache, whatever else did or did not change. Which entries get a body is the paywall's
decision, made by the caller for each request; this only saves the rendering.
"""

from __future__ import annotations

from worldbrief.domain.feed_article import FeedArticle
from worldbrief.services.bounded_cache import BoundedCache, PerStore
from worldbrief.store.article_store import ArticleStore
from worldbrief.text.markup import body_to_html

CAPACITY_CHARS = 16 * 2**20  # about 4,000 bodies of 440 words per process

Key = tuple[str, int]


class RenderedBodies:
    """Sanitised HTML of bodies by article version, the least recently used dropped past
    ``capacity_chars`` characters; safe to use from several threads."""

    def __init__(self, capacity_chars: int = CAPACITY_CHARS) -> None:
        if capacity_chars < 0:
            raise ValueError(f"capacity_chars must be 0 or more, got {capacity_chars}")
        self._kept: BoundedCache[Key, str] = BoundedCache(capacity_chars, len)

    def html(self, article: FeedArticle) -> str:
        key = (article.id, article.seq)
        found = self._kept.get(key)
        if found is not None:
            return found
        rendered = body_to_html(article.body, article.body_format)  # outside the cache's lock
        self._kept.put(key, rendered)
        return rendered

    def __len__(self) -> int:
        return len(self._kept)


_BY_STORE: PerStore[ArticleStore, RenderedBodies] = PerStore()


def rendered_bodies_of(store: ArticleStore) -> RenderedBodies:
    """The renderings kept for articles read from ``store`` (sequences are a store's own: two
    stores may hold different bodies under the same id and sequence); gone with the store."""
    return _BY_STORE.of(store, RenderedBodies)
