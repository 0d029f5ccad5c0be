"""What the Atom feed routes share: their router, their size, the answers they document, the
country they are asked for and the response they give, whatever their entries are."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Protocol, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Response

from worldbrief.domain import Country
from worldbrief.services.platform import Platform
from worldbrief.web.api_errors import error_responses
from worldbrief.web.atom_elements import ATOM_MEDIA_TYPE
from worldbrief.web.country_path import CountryCodePath
from worldbrief.web.deps import PlatformDep

FEED_SIZE = 30
_Entry = TypeVar("_Entry")
_Entry_contra = TypeVar("_Entry_contra", contravariant=True)
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


def _requested_country(platform: PlatformDep, code: CountryCodePath) -> Country:
    found = platform.taxonomy.find_country(code.upper())
    if found is None:
        raise HTTPException(404, "no country has that ISO 3166-1 alpha-2 code")
    return found


# The country a feed is asked for by the code in its path (``{code}``), any case; a 404 when
# no country has that code, so each country feed starts from one it knows.
FeedCountry = Annotated[Country, Depends(_requested_country)]


class FeedDocument(Protocol[_Entry_contra]):
    """Writes an Atom document of ``entries``: ``atom_feed`` of articles, ``event_feed`` of
    events."""

    def __call__(
        self,
        *,
        title: str,
        feed_path: str,
        page_path: str,
        base_url: str,
        entries: Sequence[_Entry_contra],
    ) -> bytes: ...


def feed_response(
    platform: Platform,
    document: FeedDocument[_Entry],
    title: str,
    feed_path: str,
    page_path: str,
    entries: Sequence[_Entry],
) -> Response:
    """The feed ``document`` writes of ``entries``, titled after the site and linked from its
    base URL, so that every feed names and links it the same way."""
    body = document(
        title=f"{platform.settings.site_name}: {title}",
        feed_path=feed_path,
        page_path=page_path,
        base_url=platform.settings.base_url,
        entries=entries,
    )
    return Response(content=body, media_type=ATOM_MEDIA_TYPE)
