"""``SiteReads``: the one place that says which reads may be served by a PostgreSQL replica.

A replica replays the primary's write-ahead log a moment behind it (well under a second on a
healthy link). The reads listed here are the reader surfaces, where a page a second old is
harmless: article pages, listings and their kept counts, country pages, connected content,
the articles of search answers and feeds, and (``events``) event, actor and event-search pages
with the event parts of country pages. Everything else — every write, sign-in, sessions,
accounts, memberships and metering, the desk, ingest's duplicate lookups, the index catch-up
and any read followed by a write — goes through ``ArticleStore`` and the stores beside it, on
the primary. This class has no writes, so a write cannot be routed here by mistake; and a
replica refuses writes anyway. Why and what may lag: docs/decisions/0017-read-replicas.md.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date

from worldbrief.domain import Article
from worldbrief.domain.coverage import PlaceCoverage, WeekCount
from worldbrief.domain.feed_article import FeedArticle
from worldbrief.domain.listed_article import ListedArticle
from worldbrief.domain.topic_profile import TopicProfile
from worldbrief.store.article_store import ArticleStore
from worldbrief.store.duplicate_lookups import StoredText
from worldbrief.store.engine import create_store_engine
from worldbrief.store.event_site_reads import EventSiteReads
from worldbrief.store.records import ArticleHeadline, ListingPage, ListingQuery


def open_site_reads(primary: ArticleStore, replica_urls: Sequence[str]) -> SiteReads:
    """Reads on one of ``replica_urls`` (none: on ``primary``). The replica is not migrated:
    it replays the primary's schema, and a standby refuses DDL."""
    if not replica_urls:
        return SiteReads(primary, primary)
    url = pinned_replica(replica_urls, os.getpid())
    return SiteReads(ArticleStore(create_store_engine(url), url), primary)


def pinned_replica(urls: Sequence[str], pid: int) -> str:
    """The replica a process reads, the same for its whole life: replicas lag by different
    amounts, so switching between them could show a reader an article, then not."""
    return urls[pid % len(urls)]


class SiteReads:
    """Reads of the reader surfaces, on the process's replica (or the primary when none)."""

    def __init__(self, lagging: ArticleStore, primary: ArticleStore) -> None:
        self.lagging = lagging  # the store whose change sequence versions the shared pages
        self._primary = primary
        self.events = EventSiteReads.over(lagging)  # the same store, so the same tag

    def __repr__(self) -> str:
        return f"SiteReads(lagging={self.lagging!r}, primary={self._primary!r})"

    @property
    def on_replica(self) -> bool:
        return self.lagging is not self._primary

    def get(self, article_id: str) -> Article | None:
        """An article not yet replayed is read from the primary: the page a writer is sent to
        right after publishing exists, and unknown ids cost one more indexed lookup."""
        found = self.lagging.get(article_id)
        if found is None and self.on_replica:
            return self._primary.get(article_id)
        return found

    def get_many(self, ids: Sequence[str]) -> list[Article]:
        return self.lagging.get_many(ids)

    def headlines(self, ids: Sequence[str]) -> list[ArticleHeadline]:
        return self.lagging.headlines(ids)

    def listed_articles(self, ids: Sequence[str]) -> list[ListedArticle]:
        return self.lagging.listed_articles(ids)

    def feed_articles(self, ids: Sequence[str]) -> list[FeedArticle]:
        return self.lagging.feed_articles(ids)

    def stored_texts(self, ids: Sequence[str]) -> dict[str, StoredText]:
        """The text of the sources shown with a country's latest events."""
        return self.lagging.stored_texts(ids)

    def duplicate_headlines(self, article_id: str, limit: int) -> list[ArticleHeadline]:
        return self.lagging.duplicate_headlines(article_id, limit)

    def related_by_countries(self, article: Article, limit: int) -> list[tuple[str, float]]:
        return self.lagging.related_by_countries(article, limit)

    def topic_profiles(self, ids: Sequence[str]) -> list[tuple[int, TopicProfile]]:
        return self.lagging.topic_profiles(ids)

    def article_versions(self, ids: Sequence[str]) -> dict[str, int]:
        return self.lagging.article_versions(ids)

    def list_page(self, query: ListingQuery) -> ListingPage:
        return self.lagging.list_page(query)

    def list_pages(self, queries: Sequence[ListingQuery]) -> list[ListingPage]:
        return self.lagging.list_pages(queries)

    def listing_total(self, query: ListingQuery) -> int | None:
        return self.lagging.listing_total(query)

    def country_counts(self) -> dict[str, int]:
        return self.lagging.country_counts()

    def region_counts(self) -> dict[str, int]:
        return self.lagging.region_counts()

    def country_weeks(self, code: str, first: date, last: date) -> list[WeekCount]:
        return self.lagging.country_weeks(code, first, last)

    def country_week_range(self, code: str) -> tuple[date, date] | None:
        return self.lagging.country_week_range(code)

    def country_places(self, code: str, limit: int) -> list[PlaceCoverage]:
        return self.lagging.country_places(code, limit)

    def place_article_ids(self, code: str, place_key: str, limit: int) -> list[str]:
        return self.lagging.place_article_ids(code, place_key, limit)

    def close(self) -> None:
        if self.on_replica:
            self.lagging.close()
