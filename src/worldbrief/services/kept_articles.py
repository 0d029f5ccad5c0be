"""Whole articles as their page reads them, and their rendered bodies, kept per article version.

An article page read its article with seven statements (row, authors, countries with evidence,
regions, near-duplicate keys, events, entities) and decoded them, then rendered the body, on
every request; a popular article is read far more often than it is written. An article is kept
under ``(id, seq)``, ``seq`` being the change-log sequence of its last write, which every write
of its row, children and stage rows moves, and is looked up by one indexed read of that
sequence: a changed article is never answered from the cache. What the reader may see of it is
still decided on every request (``services.reading``).
"""

from __future__ import annotations

from worldbrief.domain import Article
from worldbrief.services.bounded_cache import BoundedCache, PerStore
from worldbrief.store.article_store import ArticleStore
from worldbrief.store.site_reads import SiteReads
from worldbrief.text.markup import body_to_html

# Of bodies, plain texts and renderings: about 1,500 articles of 440 words, whose decoded
# places, entities and events weigh as much again or more (some 50 MB a process).
CAPACITY_CHARS = 8 * 2**20

Key = tuple[str, int]


class _Kept:
    """An article and, once asked for, its body's rendering."""

    __slots__ = ("article", "body_html")

    def __init__(self, article: Article, body_html: str | None = None) -> None:
        self.article = article
        self.body_html = body_html

    def size(self) -> int:
        rendered = len(self.body_html) if self.body_html is not None else 0
        return len(self.article.body) + len(self.article.plain_text) + rendered


class KeptArticles:
    """Articles by version, with their body's rendering once asked for; the least recently used
    dropped past ``capacity_chars``; safe to use from several threads."""

    def __init__(self, capacity_chars: int = CAPACITY_CHARS) -> None:
        if capacity_chars < 0:
            raise ValueError(f"capacity_chars must be 0 or more, got {capacity_chars}")
        self._kept: BoundedCache[Key, _Kept] = BoundedCache(capacity_chars, _Kept.size)

    def get(self, article_id: str, seq: int) -> Article | None:
        found = self._kept.get((article_id, seq))
        return found.article if found is not None else None

    def put(self, seq: int, article: Article) -> None:
        self._kept.put((article.id, seq), _Kept(article))

    def body_html(self, seq: int | None, article: Article) -> str:
        """The sanitised HTML of ``article``'s body, rendered once per kept version."""
        key = (article.id, seq) if seq is not None else None
        entry = self._kept.peek(key) if key else None
        if entry is not None and entry.body_html is not None and entry.article is article:
            return entry.body_html
        rendered = body_to_html(article.body, article.body_format)  # outside the cache's lock
        entry = self._kept.peek(key) if key else None
        if key and entry is not None and entry.article is article and entry.body_html is None:
            self._kept.replace(key, entry, _Kept(article, rendered))
        return rendered

    def __len__(self) -> int:
        return len(self._kept)


def kept_or_read(
    reads: SiteReads, article_id: str, kept: KeptArticles
) -> tuple[Article, int | None] | None:
    """The article ``article_id`` and the version it is kept under (None when it is not kept:
    not yet on the replica, read from the primary); None when there is no such article."""
    seq = reads.article_versions([article_id]).get(article_id)
    if seq is not None:
        found = kept.get(article_id, seq)
        if found is not None:
            return found, seq
    article = reads.get(article_id)
    if article is None:
        return None
    if seq is not None:
        # Read after its version: the same write or a later one, never an older one.
        kept.put(seq, article)
    return article, seq


_BY_STORE: PerStore[ArticleStore, KeptArticles] = PerStore()


def kept_articles_of(store: ArticleStore) -> KeptArticles:
    """The articles kept as read from ``store`` (sequences are a store's own: two stores may
    hold different articles under the same id and sequence); gone with the store."""
    return _BY_STORE.of(store, KeptArticles)
