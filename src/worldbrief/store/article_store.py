"""``ArticleStore``: the single source of truth, on SQLite or PostgreSQL, behind one API."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from worldbrief.domain import Article
from worldbrief.domain.coverage import PlaceCoverage, WeekCount
from worldbrief.domain.feed import Feed
from worldbrief.domain.feed_article import FeedArticle
from worldbrief.domain.listed_article import ListedArticle
from worldbrief.domain.topic_profile import TopicProfile
from worldbrief.store import (
    article_queries,
    change_log,
    country_reads,
    counts,
    duplicate_lookups,
    feed_repository,
    listing,
)
from worldbrief.store.article_reads import load_articles
from worldbrief.store.article_writes import delete_article, upsert_articles
from worldbrief.store.counts import CountFacet
from worldbrief.store.engine import create_store_engine, store_connection
from worldbrief.store.errors import StoreError, redact_url
from worldbrief.store.feed_reads import load_feed_articles
from worldbrief.store.headlines import load_headlines
from worldbrief.store.listed_articles import load_listed_articles
from worldbrief.store.migrate import upgrade_to_head
from worldbrief.store.records import (
    ArticleFilter,
    ArticleHeadline,
    Change,
    ListingPage,
    ListingQuery,
    UpsertOutcome,
)


def open_store(url: str) -> ArticleStore:
    """Open the store at ``url`` (``sqlite:///file.db`` or ``postgresql+psycopg://...``),
    migrating its schema to the newest revision. Raises StoreError when it cannot."""
    engine = create_store_engine(url)
    try:
        upgrade_to_head(engine)
    except StoreError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"cannot open database {redact_url(url)!r}: {_reason(exc)}") from exc
    return ArticleStore(engine, url)


def _reason(exc: SQLAlchemyError) -> str:
    cause = exc.orig if isinstance(exc, DBAPIError) else exc
    return str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__


def _now() -> datetime:
    return datetime.now(UTC)


class ArticleStore:
    """Articles, their change log and subscribed feeds. Thread-safe; close when done."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self.dialect: str = engine.dialect.name

    def __repr__(self) -> str:
        return f"ArticleStore({redact_url(self.url)!r})"

    # Articles: writes

    def upsert_articles(self, articles: Sequence[Article]) -> list[UpsertOutcome]:
        """Store a batch in one transaction; one outcome per article, in order."""
        with self._connection("upsert_articles", write=True) as conn:
            return upsert_articles(conn, articles, _now())

    def delete(self, article_id: str) -> bool:
        with self._connection("delete", write=True) as conn:
            return delete_article(conn, article_id, _now())

    # Articles: reads

    def get(self, article_id: str) -> Article | None:
        with self._connection("get") as conn:
            return load_articles(conn, [article_id]).get(article_id)

    def get_many(self, ids: Sequence[str]) -> list[Article]:
        """Articles in the order of ``ids``; missing ids are skipped."""
        with self._connection("get_many") as conn:
            found = load_articles(conn, ids)
        return [found[i] for i in ids if i in found]

    def count(self) -> int:
        with self._connection("count") as conn:
            return article_queries.count(conn)

    def find_id_by_url(self, url: str) -> str | None:
        with self._connection("find_id_by_url") as conn:
            return article_queries.find_id_by_url(conn, url)

    def find_id_by_content_hash(self, content_hash: str) -> str | None:
        with self._connection("find_id_by_content_hash") as conn:
            return article_queries.find_id_by_content_hash(conn, content_hash)

    def near_duplicate_candidates(
        self, keys: Sequence[int], exclude_id: str | None, limit: int = 20
    ) -> list[str]:
        """Ids of articles sharing at least one near-duplicate key with ``keys``, most shared
        keys first, then oldest published first. Candidates only: verify before linking."""
        with self._connection("near_duplicate_candidates") as conn:
            return article_queries.near_duplicate_candidates(conn, keys, exclude_id, limit)

    # Batch lookups of ingest (one query per few hundred values, flat as the store grows)

    def oldest_ids_by_content_hash(self, hashes: Sequence[str]) -> dict[str, str]:
        """For each stored hash among ``hashes``, the oldest article with that text."""
        with self._connection("oldest_ids_by_content_hash") as conn:
            return duplicate_lookups.oldest_ids_by_content_hash(conn, hashes)

    def published_dates(self, ids: Sequence[str]) -> dict[str, datetime]:
        with self._connection("published_dates") as conn:
            return duplicate_lookups.published_dates(conn, ids)

    def originals_by_key(
        self, keys: Sequence[int], per_key: int
    ) -> dict[int, list[tuple[str, datetime]]]:
        """For each near-duplicate key, up to ``per_key`` ``(id, published_at)`` of stored
        articles having it that are not copies themselves."""
        with self._connection("originals_by_key") as conn:
            return duplicate_lookups.originals_by_key(conn, keys, per_key)

    def stored_texts(self, ids: Sequence[str]) -> dict[str, duplicate_lookups.StoredText]:
        """Title, text, date and link of stored articles, to compare new ones with."""
        with self._connection("stored_texts") as conn:
            return duplicate_lookups.stored_texts(conn, ids)

    def duplicates_of(self, article_id: str) -> list[Article]:
        """Articles linked to ``article_id`` as its near-duplicates, oldest first."""
        with self._connection("duplicates_of") as conn:
            ids = article_queries.duplicate_ids(conn, article_id)
            found = load_articles(conn, ids)
        return [found[i] for i in ids if i in found]

    def list_articles(self, f: ArticleFilter) -> tuple[int, list[Article]]:
        """``(total matching, the requested page)``, newest first."""
        with self._connection("list_articles") as conn:
            total, ids = article_queries.list_article_ids(conn, f)
            found = load_articles(conn, ids)
        return total, [found[i] for i in ids if i in found]

    def country_counts(self) -> dict[str, int]:
        """Articles per focus country code."""
        with self._connection("country_counts") as conn:
            return article_queries.country_counts(conn)

    def region_counts(self) -> dict[str, int]:
        with self._connection("region_counts") as conn:
            return article_queries.region_counts(conn)

    def years(self) -> list[int]:
        """Years (UTC) with at least one article, newest first."""
        with self._connection("years") as conn:
            return article_queries.years(conn)

    def related_by_countries(self, article: Article, limit: int) -> list[tuple[str, float]]:
        with self._connection("related_by_countries") as conn:
            return article_queries.related_by_countries(
                conn, article.id, article.published_at, article.enrichment.focus_countries, limit
            )

    def topic_profiles(self, ids: Sequence[str]) -> list[tuple[int, TopicProfile]]:
        """What connected content compares of the articles ``ids``, in that order, each with
        the change-log sequence of the write it was read at."""
        with self._connection("topic_profiles") as conn:
            found = article_queries.topic_profiles(conn, ids)
        return [found[i] for i in ids if i in found]

    def article_versions(self, ids: Sequence[str]) -> dict[str, int]:
        """The change-log sequence of each stored article's last write, by id."""
        with self._connection("article_versions") as conn:
            return article_queries.article_versions(conn, ids)

    # Browsing: pages by keyset cursor, headlines and kept counts (each flat as the store grows)

    def list_page(self, query: ListingQuery) -> ListingPage:
        """One page of ids, newest first, with the cursors of the pages around it."""
        with self._connection("list_page") as conn:
            return listing.list_page(conn, query)

    def list_pages(self, queries: Sequence[ListingQuery]) -> list[ListingPage]:
        """``list_page`` of each query, read over one connection (first pages by one
        statement)."""
        with self._connection("list_pages") as conn:
            return listing.list_pages(conn, queries)

    def duplicate_headlines(self, article_id: str, limit: int) -> list[ArticleHeadline]:
        """Up to ``limit`` articles linked to ``article_id`` as its copies, oldest first."""
        with self._connection("duplicate_headlines") as conn:
            ids = article_queries.duplicate_ids(conn, article_id, limit)
            found = load_headlines(conn, ids)
        return [found[i] for i in ids if i in found]

    def listing_total(self, query: ListingQuery) -> int | None:
        """How many articles ``query`` lists in all, when a kept count says so; else None."""
        with self._connection("listing_total") as conn:
            return counts.listing_total(conn, query)

    def facet_counts(self, facet: CountFacet) -> dict[str, int]:
        """Articles per value of ``facet`` (country, region, type, access, year), as kept."""
        with self._connection("facet_counts") as conn:
            return counts.counts(conn, facet)

    # Country pages (kept by ``country_index``)

    def country_weeks(self, code: str, first: date, last: date) -> list[WeekCount]:
        """Weeks with articles about ``code`` between two Mondays, oldest first."""
        with self._connection("country_weeks") as conn:
            return country_reads.weeks(conn, code, first, last)

    def country_week_range(self, code: str) -> tuple[date, date] | None:
        with self._connection("country_week_range") as conn:
            return country_reads.week_range(conn, code)

    def country_places(self, code: str, limit: int) -> list[PlaceCoverage]:
        """The places of ``code`` named by the most articles."""
        with self._connection("country_places") as conn:
            return country_reads.places(conn, code, limit)

    def place_article_ids(self, code: str, place_key: str, limit: int) -> list[str]:
        with self._connection("place_article_ids") as conn:
            return country_reads.place_article_ids(conn, code, place_key, limit)

    def listed_articles(self, ids: Sequence[str]) -> list[ListedArticle]:
        """What the API's article lists show of the articles ``ids``, in that order."""
        with self._connection("listed_articles") as conn:
            found = load_listed_articles(conn, ids)
        return [found[i] for i in ids if i in found]

    def headlines(self, ids: Sequence[str]) -> list[ArticleHeadline]:
        """What lists show of the articles ``ids``, in that order; missing ids are skipped."""
        with self._connection("headlines") as conn:
            found = load_headlines(conn, ids)
        return [found[i] for i in ids if i in found]

    def feed_articles(self, ids: Sequence[str]) -> list[FeedArticle]:
        """What Atom entries show of the articles ``ids``, in that order; missing ids are
        skipped."""
        with self._connection("feed_articles") as conn:
            found = load_feed_articles(conn, ids)
        return [found[i] for i in ids if i in found]

    def iter_all_ids(self, batch: int = 1000, after: str | None = None) -> Iterator[list[str]]:
        """Every article id (after ``after`` when given), in id order, ``batch`` at a time
        (each batch its own query)."""
        if batch < 1:
            raise ValueError(f"batch must be 1 or more, got {batch}")
        while True:
            with self._connection("iter_all_ids") as conn:
                ids = article_queries.ids_after(conn, after, batch)
            if not ids:
                return
            yield ids
            after = ids[-1]

    # Change log

    def max_seq(self) -> int:
        with self._connection("max_seq") as conn:
            return change_log.max_seq(conn)

    def changes_since(self, seq: int, limit: int = 1000) -> list[Change]:
        """Entries with sequence above ``seq``, oldest first."""
        with self._connection("changes_since") as conn:
            return change_log.changes_since(conn, seq, limit)

    # Feeds

    def add_feed(self, url: str, title: str | None = None) -> Feed:
        with self._connection("add_feed", write=True) as conn:
            return feed_repository.add_feed(conn, url, title, _now())

    def list_feeds(self) -> list[Feed]:
        with self._connection("list_feeds") as conn:
            return feed_repository.list_feeds(conn)

    def get_feed(self, url: str) -> Feed | None:
        with self._connection("get_feed") as conn:
            return feed_repository.get_feed(conn, url)

    def remove_feed(self, url: str) -> bool:
        with self._connection("remove_feed", write=True) as conn:
            return feed_repository.remove_feed(conn, url)

    def record_feed_poll(
        self,
        url: str,
        *,
        polled_at: datetime,
        error: str | None,
        etag: str | None = None,
        last_modified: str | None = None,
        title: str | None = None,
        new_entries: int = 0,
    ) -> Feed:
        with self._connection("record_feed_poll", write=True) as conn:
            return feed_repository.record_feed_poll(
                conn,
                url,
                polled_at=polled_at,
                error=error,
                etag=etag,
                last_modified=last_modified,
                title=title,
                new_entries=new_entries,
            )

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _connection(self, operation: str, *, write: bool = False) -> Iterator[Connection]:
        with store_connection(self.engine, self.url, operation, write=write) as conn:
            yield conn
