"""``/api/events.csv``, ``/api/events.geojson`` and ``/api/events.jsonl``: the events matching
the filters of ``/api/events``, streamed (``services.event_exports``). Notes come from a
source's body only where the token's role may read it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import StreamingResponse

from worldbrief.services.event_exports import (
    CSV_COLUMNS,
    ExportedEvent,
    csv_chunks,
    exported_events,
    geojson_chunks,
    plover_chunks,
)
from worldbrief.services.events import EventQueryError
from worldbrief.web.api_errors import error_responses
from worldbrief.web.deps import PlatformDep, ViewerDep
from worldbrief.web.event_filters import EventFiltersDep
from worldbrief.web.single_values import REPEATED

router = APIRouter(prefix="/api", tags=["api"])
MAX_EXPORT = 100_000  # rows of one request; the CLI exports without a bound
_TEXT: dict[str, Any] = {"schema": {"type": "string"}}
_FEATURE_COLLECTION: dict[str, Any] = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "id", "geometry", "properties"],
                "properties": {
                    "type": {"type": "string", "enum": ["Feature"]},
                    "id": {"type": "string"},
                    "geometry": {"type": ["object", "null"]},
                    "properties": {"type": "object"},
                },
            },
        },
    },
}
_ERRORS = error_responses(
    (
        400,
        "An unknown region, a bounding box that is not four numbers in range, a period that "
        f"ends before it starts, too many words in `q`, or {REPEATED}.",
    ),
    (401, "The bearer token is unknown or revoked (without one the export is public)."),
    422,
)
_LIMIT = Query(ge=1, le=MAX_EXPORT, description="At most this many events, newest first.")
Chunks = Callable[[Iterator[ExportedEvent]], Iterator[str]]


def _stream(
    filters: EventFiltersDep,
    platform: PlatformDep,
    viewer: ViewerDep,
    limit: int,
    write: Chunks,
    media_type: str,
    filename: str,
) -> StreamingResponse:
    try:
        where = filters.query(platform)
    except EventQueryError as error:
        raise HTTPException(400, str(error)) from None
    rows = exported_events(platform, where, viewer, limit=limit)
    return StreamingResponse(
        (chunk.encode("utf-8") for chunk in write(rows)),
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get(
    "/events.csv",
    summary="Export events as CSV (ACLED's columns)",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": f"A header row, then one event a row: {', '.join(CSV_COLUMNS)}.",
            "content": {"text/csv": _TEXT},
        },
        **_ERRORS,
    },
)
def events_csv(
    filters: EventFiltersDep,
    platform: PlatformDep,
    viewer: ViewerDep,
    limit: Annotated[int, _LIMIT] = MAX_EXPORT,
) -> StreamingResponse:
    """The events `/api/events` would list with the same filters, newest first. `notes` are
    evidence sentences of a source the viewer may read (members-only sources for members and
    staff only); cells that would start a spreadsheet formula begin with an apostrophe."""
    return _stream(
        filters, platform, viewer, limit, csv_chunks, "text/csv; charset=utf-8",
        "worldbrief-events.csv",
    )  # fmt: skip


@router.get(
    "/events.geojson",
    summary="Export events as a GeoJSON FeatureCollection",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "A FeatureCollection: one Point feature an event (geometry null "
            "for an event without a place).",
            "content": {"application/geo+json": {"schema": _FEATURE_COLLECTION}},
        },
        **_ERRORS,
    },
)
def events_geojson(
    filters: EventFiltersDep,
    platform: PlatformDep,
    viewer: ViewerDep,
    limit: Annotated[int, _LIMIT] = MAX_EXPORT,
) -> StreamingResponse:
    """The same events as GeoJSON; `notes` as in the CSV export."""
    return _stream(
        filters, platform, viewer, limit, geojson_chunks, "application/geo+json",
        "worldbrief-events.geojson",
    )  # fmt: skip


@router.get(
    "/events.jsonl",
    summary="Export events as JSON Lines in PLOVER's record layout",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "One PLOVER-style record a line (id, date, event, mode, context, "
            "source, target, dead, geolocation, text, publication, ...).",
            "content": {"application/x-ndjson": _TEXT},
        },
        **_ERRORS,
    },
)
def events_jsonl(
    filters: EventFiltersDep,
    platform: PlatformDep,
    viewer: ViewerDep,
    limit: Annotated[int, _LIMIT] = MAX_EXPORT,
) -> StreamingResponse:
    """The same events as JSON Lines; `text` holds the notes as in the CSV export."""
    return _stream(
        filters, platform, viewer, limit, plover_chunks, "application/x-ndjson; charset=utf-8",
        "worldbrief-events.jsonl",
    )  # fmt: skip
