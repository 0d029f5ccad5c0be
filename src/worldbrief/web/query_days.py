"""A day given in a page's query string (``?from=2024-05-01``), read the one way every page
reads it: empty is no day, anything else must be ``YYYY-MM-DD`` or the page answers 400."""

from __future__ import annotations

from datetime import date

from fastapi import HTTPException


def query_day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"The {name} date must be written YYYY-MM-DD.") from None
