"""The store's value types, defined in ``domain.listing`` so every layer can name them."""

from worldbrief.domain.listing import (
    ArticleFilter,
    ArticleHeadline,
    Change,
    ChangeOp,
    CursorError,
    Direction,
    ListingCursor,
    ListingPage,
    ListingQuery,
    UpsertOutcome,
    UpsertStatus,
)

__all__ = [
    "ArticleFilter",
    "ArticleHeadline",
    "Change",
    "ChangeOp",
    "CursorError",
    "Direction",
    "ListingCursor",
    "ListingPage",
    "ListingQuery",
    "UpsertOutcome",
    "UpsertStatus",
]
