"""Subscribed feeds and the outcome of each poll."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping

from worldbrief.domain.feed import Feed
from worldbrief.store.dialect import insert_ignoring_conflicts
from worldbrief.store.errors import FeedNotFoundError, StoreError
from worldbrief.store.schema import feeds


def add_feed(conn: Connection, url: str, title: str | None, now: datetime) -> Feed:
    """Subscribe to ``url``; again is harmless: state is kept and only a missing title filled."""
    url = url.strip()
    if not url:
        raise StoreError("feed URL is empty")
    row = {
        "url": url,
        "title": title,
        "added_at": now,
        "consecutive_failures": 0,
        "entries_ingested": 0,
    }
    conn.execute(insert_ignoring_conflicts(conn.dialect.name, feeds, ["url"]), row)
    if title is not None:
        conn.execute(
            sa.update(feeds).where(feeds.c.url == url, feeds.c.title.is_(None)).values(title=title)
        )
    return _require(conn, url)


def get_feed(conn: Connection, url: str) -> Feed | None:
    row = conn.execute(sa.select(feeds).where(feeds.c.url == url)).mappings().first()
    return _feed(row) if row else None


def list_feeds(conn: Connection) -> list[Feed]:
    return [_feed(row) for row in conn.execute(sa.select(feeds).order_by(feeds.c.url)).mappings()]


def remove_feed(conn: Connection, url: str) -> bool:
    return bool(conn.execute(sa.delete(feeds).where(feeds.c.url == url)).rowcount)


def record_feed_poll(
    conn: Connection,
    url: str,
    *,
    polled_at: datetime,
    error: str | None,
    etag: str | None,
    last_modified: str | None,
    title: str | None,
    new_entries: int,
) -> Feed:
    """A failed poll counts a failure and keeps the caching headers; a good one resets the count,
    adds ``new_entries`` and keeps the previous ETag/Last-Modified where none came back."""
    if new_entries < 0:
        raise ValueError(f"new_entries must be 0 or more, got {new_entries}")
    values: dict[str, Any] = {"last_polled_at": polled_at}
    if error is not None:
        values |= {
            "last_error": error,
            "consecutive_failures": feeds.c.consecutive_failures + 1,
        }
    else:
        values |= {
            "last_success_at": polled_at,
            "last_error": None,
            "consecutive_failures": 0,
            "entries_ingested": feeds.c.entries_ingested + new_entries,
        }
        for name, value in (("etag", etag), ("last_modified", last_modified), ("title", title)):
            if value is not None:
                values[name] = value
    updated = conn.execute(sa.update(feeds).where(feeds.c.url == url).values(values)).rowcount
    if not updated:
        raise FeedNotFoundError(f"no feed with URL {url!r} is subscribed")
    return _require(conn, url)


def _require(conn: Connection, url: str) -> Feed:
    feed = get_feed(conn, url)
    if feed is None:
        raise FeedNotFoundError(f"no feed with URL {url!r} is subscribed")
    return feed


def _feed(row: RowMapping) -> Feed:
    return Feed(
        url=row["url"],
        title=row["title"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        added_at=row["added_at"],
        last_polled_at=row["last_polled_at"],
        last_success_at=row["last_success_at"],
        last_error=row["last_error"],
        consecutive_failures=int(row["consecutive_failures"]),
        entries_ingested=int(row["entries_ingested"]),
    )
