"""What the Atom feed routes share: their router, their size, the answers they document, the
country they are asked for and the response they give."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Response

from worldbrief.domain import Country
from worldbrief.services.platform import Platform
from worldbrief.web.api_errors import error_responses
from worldbrief.web.atom_elements import ATOM_MEDIA_TYPE

FEED_SIZE = 30
_UNKNOWN_TOKEN = (401, "The bearer token is unknown or revoked (without one the feed is public).")


def feed_router() -> APIRouter:
    # A plain Response as the default: the 200 declares Atom and the errors stay JSON.
    return APIRouter(prefix="/feeds", tags=["feeds"], default_response_class=Response)


def atom_responses(entries: str, *errors: int | tuple[int, str]) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI answers of a feed of ``entries`` (articles, events), with its errors."""
    return {
        200: {
            "description": f"An Atom 1.0 feed of up to {FEED_SIZE} {entries}, newest first.",
            "content": {"application/atom+xml": {"schema": {"type": "string"}}},
        },
        **error_responses(_UNKNOWN_TOKEN, *errors),
    }


def feed_country(platform: Platform, code: str) -> Country:
    found = platform.taxonomy.find_country(code.upper())
    if found is None:
        raise HTTPException(404, "no country has that ISO 3166-1 alpha-2 code")
    return found


def atom_response(document: bytes) -> Response:
    return Response(content=document, media_type=ATOM_MEDIA_TYPE)
