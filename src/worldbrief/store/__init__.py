"""The store: articles, their change log and feeds on SQLite or PostgreSQL (SQLAlchemy + Alembic).

Open it with ``open_store(url)``; the schema is migrated to the newest revision on the way.
Membership data (accounts, tokens, plans, subscriptions, audit log) lives in the same database,
reached through ``AccountStore.alongside(store)``; web sign-in state (sessions, reset tokens,
login failures, metered reads) through ``SessionStore.alongside(store)``; the editorial desk's
drafts and revisions through ``DeskStore.alongside(store)``; watchlists and their alerts through
``WatchlistStore.alongside(store)``.
"""

from worldbrief.domain.audit import AuditNote
from worldbrief.store.account_errors import (
    AccountExistsError,
    AccountNotFoundError,
    PlanExistsError,
    PlanNotFoundError,
    TokenNotFoundError,
)
from worldbrief.store.account_store import AccountStore
from worldbrief.store.article_store import ArticleStore, open_store
from worldbrief.store.delivery_store import AlertDeliveryStore
from worldbrief.store.desk_store import DeskStore, DraftNotFoundError
from worldbrief.store.errors import FeedNotFoundError, StoreError
from worldbrief.store.records import (
    ArticleFilter,
    ArticleHeadline,
    Change,
    CursorError,
    ListingCursor,
    ListingPage,
    ListingQuery,
    UpsertOutcome,
)
from worldbrief.store.session_store import SessionStore, WebSession
from worldbrief.store.watchlist_store import WatchlistStore

__all__ = [
    "AccountExistsError",
    "AccountNotFoundError",
    "AccountStore",
    "AlertDeliveryStore",
    "ArticleFilter",
    "ArticleHeadline",
    "ArticleStore",
    "AuditNote",
    "Change",
    "CursorError",
    "DeskStore",
    "DraftNotFoundError",
    "FeedNotFoundError",
    "ListingCursor",
    "ListingPage",
    "ListingQuery",
    "PlanExistsError",
    "PlanNotFoundError",
    "SessionStore",
    "StoreError",
    "TokenNotFoundError",
    "UpsertOutcome",
    "WatchlistStore",
    "WebSession",
    "open_store",
]
