"""Errors of the membership tables; each message names the email, plan or token concerned."""

from __future__ import annotations

from worldbrief.store.errors import StoreError


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
