"""The country code in an API path, declared once so every route that takes one checks it the
same way and its reference shows the same pattern."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

CountryCodePath = Annotated[
    str, Path(pattern="^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code, any case, e.g. kz.")
]
NO_COUNTRY = (404, "No country with that code.")
