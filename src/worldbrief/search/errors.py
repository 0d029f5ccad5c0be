"""Errors every search backend raises alike, so callers never import a backend to catch them."""

from __future__ import annotations

from worldbrief.search.query import QuerySyntaxError

__all__ = ["IndexLockedError", "QuerySyntaxError"]


class IndexLockedError(RuntimeError):
    """Another writer (another process, or another index object in this one) holds the index's
    write lock; the changes are left to it, as it follows the same change log."""
