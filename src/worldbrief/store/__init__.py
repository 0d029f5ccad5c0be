"""The store: articles, their change log and feeds on SQLite or PostgreSQL (SQLAlchemy + Alembic).

Open it with ``open_store(url)``; the schema is migrated to the newest revision on the way.
"""

from worldbrief.store.article_store import ArticleStore, open_store
from worldbrief.store.errors import FeedNotFoundError, StoreError
from worldbrief.store.records import ArticleFilter, Change, UpsertOutcome

__all__ = [
    "ArticleFilter",
    "ArticleStore",
    "Change",
    "FeedNotFoundError",
    "StoreError",
    "UpsertOutcome",
    "open_store",
]
