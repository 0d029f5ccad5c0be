"""Errors of reading and writing what is stored, raised by the store and caught by every layer
above it (pages answer 404 or 503 from them); each message names the input and the problem."""

from __future__ import annotations


class StoreError(RuntimeError):
    """The store cannot do what was asked; the message names the input and the problem."""


class FeedNotFoundError(StoreError, LookupError):
    """A feed operation named a URL that is not subscribed."""


class AccountNotFoundError(StoreError, LookupError):
    """No account has the given email (or id)."""


class AccountExistsError(StoreError):
    """An account with the email already exists."""


class PlanNotFoundError(StoreError, LookupError):
    """No plan has the given id."""


class PlanExistsError(StoreError):
    """A plan with the id already exists."""


class TokenNotFoundError(StoreError, LookupError):
    """No API token has the given id."""
