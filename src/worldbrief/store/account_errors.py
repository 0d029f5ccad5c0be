"""Errors of the membership tables, defined in ``domain.errors`` so every layer can catch them."""

from worldbrief.domain.errors import (
    AccountExistsError,
    AccountNotFoundError,
    PlanExistsError,
    PlanNotFoundError,
    TokenNotFoundError,
)

__all__ = [
    "AccountExistsError",
    "AccountNotFoundError",
    "PlanExistsError",
    "PlanNotFoundError",
    "TokenNotFoundError",
]
