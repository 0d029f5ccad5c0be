"""``POST /api/annotate``: geoparse the caller's own text, one document or a batch.

Open to everyone: only the posted text is read, never a stored article. Before anything is
parsed the body must say it is JSON (else 415) and fit the caller's limit (else 413; anonymous
callers and accounts have their own, see ``config.py``); it is read at most that far, so an
oversized request costs at most the limit in memory. Malformed JSON or a wrong shape is a 422.

The geoparsing runs in worker processes (``AnnotateWorkers``), never in the web process: it is
CPU-bound Python, which even in a thread would hold the interpreter lock and slow every other
request. A few workers and a short bounded queue mean a burst of large requests is answered
503 (with ``Retry-After``) instead of starving the site.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator, Callable, Coroutine
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, FastAPI, HTTPException, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.routing import APIRoute
from pydantic import BaseModel, Discriminator, Field, StrictInt, StrictStr, Tag

from worldbrief.config import Settings
from worldbrief.services.annotate import (
    MAX_JSON_DEPTH,
    AnnotateDocument,
    AnnotateInputError,
    document_from_fields,
    parse_published_at,
)
from worldbrief.services.annotate_batch import AnnotateWorkers
from worldbrief.web.api_errors import error_responses
from worldbrief.web.deps import get_viewer
from worldbrief.web.json_body import read_json_body

log = logging.getLogger(__name__)
MAX_DOCUMENTS = 100
RETRY_AFTER_SECONDS = 5
_workers_lock = threading.Lock()


@asynccontextmanager
async def _stop_workers(app: FastAPI) -> AsyncIterator[None]:
    yield
    workers: AnnotateWorkers | None = getattr(app.state, "annotate_workers", None)
    if workers is not None:
        workers.close()


# --- reading the body ----------------------------------------------------------------------------


class _CheckedBodyRoute(APIRoute):
    """Checks the content type, the size and the JSON of the body before the route reads it."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def checked(request: Request) -> Response:
            await _check_body(request)
            return await handler(request)

        return checked


async def _check_body(request: Request) -> None:
    limit, setting = await run_in_threadpool(_size_limit, request)
    await read_json_body(request, limit, setting)


def _size_limit(request: Request) -> tuple[int, str]:
    """The caller's body limit and the setting that sets it (401 for an unknown token)."""
    platform = request.app.state.platform
    settings: Settings = platform.settings
    if get_viewer(request, platform).is_anonymous:
        return (
            settings.annotate_max_bytes_anonymous,
            "WORLDBRIEF_ANNOTATE_MAX_BYTES_ANONYMOUS (an API token may send up to "
            f"{settings.annotate_max_bytes_account:,})",
        )
    return settings.annotate_max_bytes_account, "WORLDBRIEF_ANNOTATE_MAX_BYTES_ACCOUNT"


router = APIRouter(
    prefix="/api", tags=["annotate"], route_class=_CheckedBodyRoute, lifespan=_stop_workers
)


# --- request and response shapes ---------------------------------------------------------------


# A string, checked by ``parse_published_at``: a number is never taken for a timestamp.
_DateTimeText = Annotated[StrictStr, Field(json_schema_extra={"format": "date-time"})]


class AnnotateDocumentIn(BaseModel):
    id: StrictStr = Field(description="Your identifier; echoed in the answer.")
    text: StrictStr = Field(description="The text to annotate; offsets point into it.")
    title: StrictStr | None = Field(default=None, description="Context only; weighs for focus.")
    published_at: _DateTimeText | None = Field(
        default=None,
        description="ISO-8601 date or date-time; without an offset it is taken as UTC.",
    )
    spans: list[tuple[StrictInt, StrictInt]] | None = Field(
        default=None,
        description="Gold-span mode: resolve exactly these [start, end) ranges, one place each, "
        "and recognise nothing else. At most 10,000 spans of at most 256 characters.",
    )


class AnnotateBatchIn(BaseModel):
    documents: list[AnnotateDocumentIn] = Field(
        max_length=MAX_DOCUMENTS,
        description=f"At most {MAX_DOCUMENTS} documents, answered in order.",
    )


def _request_kind(value: Any) -> str:
    return "batch" if isinstance(value, dict) and "documents" in value else "document"


def _either_shape(schema: dict[str, Any]) -> None:
    """anyOf, not oneOf: a body with ``documents`` may also fit a document's fields, and is
    read as a batch (``_request_kind``), so matching both shapes is no error."""
    schema["anyOf"] = schema.pop("oneOf")


AnnotateIn = Annotated[
    Annotated[AnnotateDocumentIn, Tag("document")] | Annotated[AnnotateBatchIn, Tag("batch")],
    Discriminator(_request_kind),
]


class PlaceOut(BaseModel):
    start: int
    end: int
    text: str
    name: str
    geonameid: int | None
    lat: float | None = Field(description="Null only for a gold span that was not resolved.")
    lon: float | None
    country: str | None = Field(description="ISO 3166-1 alpha-2.")
    admin1: str | None
    feature: str | None = Field(description='GeoNames class and code, e.g. "P.PPL".')


class CountryOut(BaseModel):
    code: str
    name: str
    score: float = Field(ge=0, le=1)
    focus: bool = Field(description="True for the countries the text is about.")
    evidence: list[list[int]] = Field(description="[start, end) spans in `text`.")
    primary: bool = Field(
        description="True for exactly one focus country, the one the text is most about."
    )


class RegionOut(BaseModel):
    id: str
    name: str


class EntityOut(BaseModel):
    id: str = Field(
        description="Stable across texts: a curated actor's id, or the slug of a name learned "
        "from the text."
    )
    name: str = Field(description="The canonical name.")
    type: Literal["armed group", "organization", "person", "party", "state forces"]
    aliases: list[str] = Field(description="Other names and acronyms.")
    countries: list[str] = Field(description="ISO 3166-1 alpha-2 codes.")
    mentions: list[list[int]] = Field(description="[start, end) of each mention in `text`.")


class EventActorOut(BaseModel):
    name: str = Field(description="The actor as the text names it.")
    role: Literal["actor1", "actor2", "associated"] = Field(
        description="actor1 acted, actor2 was acted on, associated took part alongside."
    )
    type: str | None = Field(
        description="ACLED actor type: state forces, rebel group, political militia, identity "
        "militia, rioters, protesters, civilians or external/other."
    )
    entity_id: str | None = Field(description="The id of the entity it is, when known.")


class EventOut(BaseModel):
    type: str = Field(description='Event type, e.g. "Battles" (docs/events.md).')
    subtype: str = Field(description='Sub-event type, e.g. "Armed clash".')
    confidence: float = Field(ge=0, le=1)
    date: str | None = Field(
        description="ISO 8601 date; the first day of the period for a coarser precision."
    )
    date_precision: Literal["day", "week", "month", "year"] | None
    date_text: str | None = Field(description='The words the date was read from ("on Sunday").')
    place: PlaceOut | None = Field(description="The most specific place of the event.")
    actors: list[EventActorOut]
    fatalities: int | None = Field(ge=0, description="Killed, when the text says.")
    fatalities_approximate: bool = Field(
        description='True when the count is a lower bound of a vague number ("dozens").'
    )
    evidence: list[list[int]] = Field(description="[start, end) spans of the sentences.")


class AnnotationOut(BaseModel):
    id: str
    places: list[PlaceOut]
    countries: list[CountryOut]
    regions: list[RegionOut]
    entities: list[EntityOut]
    events: list[EventOut] = Field(description="The events the text reports, main event first.")


class AnnotationBatchOut(BaseModel):
    documents: list[AnnotationOut]


# --- the endpoint --------------------------------------------------------------------------------


@router.post(
    "/annotate",
    response_model=AnnotationOut | AnnotationBatchOut,
    summary="Places, countries and regions of your own text",
    responses=error_responses(
        (401, "Unknown or revoked API token."),
        (
            413,
            "Body larger than the caller's limit: 100,000 bytes anonymous, 1,000,000 with an "
            "account by default (`WORLDBRIEF_ANNOTATE_MAX_BYTES_*`).",
        ),
        (415, "Body not sent as `application/json`."),
        (
            422,
            f"Malformed JSON (or nested over {MAX_JSON_DEPTH} deep), a document of the wrong "
            f"shape, a bad date or span, or over {MAX_DOCUMENTS} documents.",
        ),
        (
            503,
            "Every annotate worker is busy and the queue is full; retry after the "
            "`Retry-After` seconds.",
        ),
    ),
)
async def annotate(
    request: Request, payload: Annotated[AnnotateIn, Body(json_schema_extra=_either_shape)]
) -> AnnotationOut | AnnotationBatchOut | Response:
    """Post one document `{"id", "text", "title"?, "published_at"?, "spans"?}` or
    `{"documents": [...]}` (at most 100), as JSON; the answer has the same shape."""
    batch = isinstance(payload, AnnotateBatchIn)
    documents = await run_in_threadpool(_documents, payload)  # up to 100 x 10,000 spans
    # Off the event loop: the first submit starts the workers (and may build the gazetteer).
    future = await run_in_threadpool(annotate_workers(request.app).submit, documents, batch=batch)
    if future is None:
        raise HTTPException(
            503,
            "annotate is busy: every worker is taken and the queue is full; retry shortly",
            {"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    try:
        body = await asyncio.wrap_future(future)
    except BrokenProcessPool:
        raise HTTPException(
            503,
            "the annotate worker stopped (out of memory?); retry shortly",
            {"Retry-After": str(RETRY_AFTER_SECONDS)},
        ) from None
    except Exception:
        log.exception("annotate failed")
        raise HTTPException(500, "annotation failed; the error is logged") from None
    return Response(body, media_type="application/json")


def annotate_workers(app: FastAPI) -> AnnotateWorkers:
    """The app's annotate workers, made on first use from its settings."""
    with _workers_lock:
        workers: AnnotateWorkers | None = getattr(app.state, "annotate_workers", None)
        if workers is None:
            settings: Settings = app.state.platform.settings
            workers = AnnotateWorkers(settings.annotate_workers, settings.annotate_waiting)
            app.state.annotate_workers = workers
        return workers


def _documents(payload: AnnotateDocumentIn | AnnotateBatchIn) -> list[AnnotateDocument]:
    if isinstance(payload, AnnotateBatchIn):
        return [_document(d, f"documents[{i}]") for i, d in enumerate(payload.documents)]
    return [_document(payload, "body")]


def _document(posted: AnnotateDocumentIn, where: str) -> AnnotateDocument:
    try:
        published = None if posted.published_at is None else parse_published_at(posted.published_at)
        return document_from_fields(posted.id, posted.text, posted.title, published, posted.spans)
    except AnnotateInputError as error:
        raise HTTPException(422, f"{where}: {error}") from None
