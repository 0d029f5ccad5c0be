"""The store: articles, their change log and feeds on SQLite or PostgreSQL (SQLAlchemy + Alembic).

Open it with ``open_store(url)``; the schema is migrated to the newest revision on the way.
Membership data (accounts, tokens, plans, subscriptions, audit log) lives in the same database,
reached through ``AccountStore.alongside(store)``; web sign-in state (sessions, reset tokens,
login failures, metered reads) through ``SessionStore.alongside(store)``; the editorial desk's
drafts and revisions through ``DeskStore.alongside(store)``; watchlists and their alerts through
``WatchlistStore.alongside(store)``. All of these read and write the primary; the reads the reader
surfaces may take from a PostgreSQL replica are named in one place, ``store.site_reads.SiteReads``.

Names are imported from their modules when first used, so that reaching one light module of the
store (``worldbrief.store.errors``, say) does not load the database layer and all beside it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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

_HOME = {
    "AccountExistsError": "worldbrief.store.account_errors",
    "AccountNotFoundError": "worldbrief.store.account_errors",
    "AccountStore": "worldbrief.store.account_store",
    "AlertDeliveryStore": "worldbrief.store.delivery_store",
    "ArticleFilter": "worldbrief.store.records",
    "ArticleHeadline": "worldbrief.store.records",
    "ArticleStore": "worldbrief.store.article_store",
    "AuditNote": "worldbrief.domain.audit",
    "Change": "worldbrief.store.records",
    "CursorError": "worldbrief.store.records",
    "DeskStore": "worldbrief.store.desk_store",
    "DraftNotFoundError": "worldbrief.store.desk_store",
    "FeedNotFoundError": "worldbrief.store.errors",
    "ListingCursor": "worldbrief.store.records",
    "ListingPage": "worldbrief.store.records",
    "ListingQuery": "worldbrief.store.records",
    "PlanExistsError": "worldbrief.store.account_errors",
    "PlanNotFoundError": "worldbrief.store.account_errors",
    "SessionStore": "worldbrief.store.session_store",
    "StoreError": "worldbrief.store.errors",
    "TokenNotFoundError": "worldbrief.store.account_errors",
    "UpsertOutcome": "worldbrief.store.records",
    "WatchlistStore": "worldbrief.store.watchlist_store",
    "WebSession": "worldbrief.store.session_store",
    "open_store": "worldbrief.store.article_store",
}


def __getattr__(name: str) -> object:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


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
