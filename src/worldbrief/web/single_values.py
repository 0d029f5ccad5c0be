"""Query parameters that take one value. FastAPI reads the last of a repeated one; the articles
API reads a repeated filter as "either"; so a repeat where one value is meant is refused, else
the answer would be to another question than the one asked, without saying so."""

from __future__ import annotations

from collections.abc import Iterable

from fastapi import HTTPException, Request

REPEATED = "a filter given more than once (each takes one value)"


def refuse_repeats(request: Request, names: Iterable[str]) -> None:
    """400 naming the first of ``names`` the query string gives more than once."""
    given = request.query_params
    if repeated := [name for name in names if len(given.getlist(name)) > 1]:
        raise HTTPException(
            400, f"{repeated[0]} is given more than once: each filter takes one value."
        )
