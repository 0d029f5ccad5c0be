"""No NUL character in a request's address: refused with a 400 before any route reads it.

A decoded ``%00`` in a path or query parameter would reach the store as text, and PostgreSQL
refuses NUL in text with an error rather than finding nothing, so every lookup by name, id,
cursor or words would answer 500 there while SQLite answered 404. No name, id, date or word the
site keeps holds one, so refusing them once, before routing to a handler, is exact; the error
page or JSON error is the app's usual one (``app._http_error``)."""

from __future__ import annotations

from fastapi import HTTPException, Request

NUL_REFUSED = "The address holds a NUL character (%00), which no path or parameter may contain."


def refuse_nul_characters(request: Request) -> None:
    """A dependency of every route (the app's): 400 for a NUL in the path or the query."""
    if "\x00" in request.url.path or any(
        "\x00" in key or "\x00" in value for key, value in request.query_params.multi_items()
    ):
        raise HTTPException(400, NUL_REFUSED)
