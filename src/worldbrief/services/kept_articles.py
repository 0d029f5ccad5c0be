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

import threading
from collections import OrderedDict
from weakref import WeakKeyDictionary

from worldbrief.domain import Article
from worldbrief.store.article_store import ArticleStore
from worldbrief.store.site_reads import SiteReads
from worldbrief.text.markup import body_to_html

# Of bodies, plain texts and renderings: about 1,500 articles of 440 words, whose decoded
# places, entities and events weigh as much again or more (some 50 MB a process).
CAPACITY_CHARS = 8 * 2**20

Key = tuple[str, int]


class _Kept:
    __slots__ = ("article", "body_html", "size")

    def __init__(self, article: Article) -> None:
        self.article = article
        self.body_html: str | None = None
        self.size = len(article.body) + len(article.plain_text)


class KeptArticles:
    """Articles by version, with their body's rendering once asked for; the least recently used
    dropped past ``capacity_chars``; safe to use from several threads."""

    def __init__(self, capacity_chars: int = CAPACITY_CHARS) -> None:
        if capacity_chars < 0:
            raise ValueError(f"capacity_chars must be 0 or more, got {capacity_chars}")
        self._capacity = capacity_chars
        self._lock = threading.Lock()
        self._kept: OrderedDict[Key, _Kept] = OrderedDict()
        self._size = 0

    def get(self, article_id: str, seq: int) -> Article | None:
        with self._lock:
            found = self._kept.get((article_id, seq))
            if found is None:
                return None
            self._kept.move_to_end((article_id, seq))
            return found.article

    def put(self, seq: int, article: Article) -> None:
        entry = _Kept(article)
        with self._lock:
            key = (article.id, seq)
            if key in self._kept or entry.size > self._capacity:
                return
            self._kept[key] = entry
            self._size += entry.size
            self._shrink()

    def body_html(self, seq: int | None, article: Article) -> str:
        """The sanitised HTML of ``article``'s body, rendered once per kept version."""
        key = (article.id, seq) if seq is not None else None
        with self._lock:
            entry = self._kept.get(key) if key else None
            if entry is not None and entry.body_html is not None and entry.article is article:
                return entry.body_html
        rendered = body_to_html(article.body, article.body_format)  # outside the lock
        with self._lock:
            entry = self._kept.get(key) if key else None
            if entry is not None and entry.article is article and entry.body_html is None:
                entry.body_html = rendered
                entry.size += len(rendered)
                self._size += len(rendered)
                self._shrink()
        return rendered

    def _shrink(self) -> None:
        while self._size > self._capacity and self._kept:
            _, dropped = self._kept.popitem(last=False)
            self._size -= dropped.size

    def __len__(self) -> int:
        with self._lock:
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


_BY_STORE: WeakKeyDictionary[ArticleStore, KeptArticles] = WeakKeyDictionary()
_BY_STORE_LOCK = threading.Lock()


def kept_articles_of(store: ArticleStore) -> KeptArticles:
    """The articles kept as read from ``store`` (sequences are a store's own: two stores may
    hold different articles under the same id and sequence); gone with the store."""
    with _BY_STORE_LOCK:
        found = _BY_STORE.get(store)
        if found is None:
            found = _BY_STORE[store] = KeptArticles()
        return found
