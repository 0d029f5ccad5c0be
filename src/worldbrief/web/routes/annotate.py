"""``POST /api/annotate``: geoparse the caller's own text, one document or a batch.

Open to everyone: only the posted text is read, never a stored article. The body is read with a
size cap before it is parsed, so an oversized request costs at most the cap in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Request, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, Discriminator, Field, StrictInt, StrictStr, Tag

from worldbrief.services.annotate import (
    AnnotateDocument,
    AnnotateInputError,
    annotate_document,
    document_from_fields,
    shared_geoparser,
)

MAX_DOCUMENTS = 100
MAX_BODY_BYTES = 1_000_000


class _CappedBodyRequest(Request):
    async def body(self) -> bytes:
        if not hasattr(self, "_body"):
            chunks: list[bytes] = []
            size = 0
            async for chunk in self.stream():
                size += len(chunk)
                if size > MAX_BODY_BYTES:
                    raise HTTPException(
                        413, f"request body is larger than {MAX_BODY_BYTES:,} bytes"
                    )
                chunks.append(chunk)
            self._body = b"".join(chunks)
        return self._body


class _CappedBodyRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def capped(request: Request) -> Response:
            return await handler(_CappedBodyRequest(request.scope, request.receive))

        return capped


router = APIRouter(prefix="/api", tags=["annotate"], route_class=_CappedBodyRoute)


# --- request and response shapes ---------------------------------------------------------------


class AnnotateDocumentIn(BaseModel):
    id: StrictStr = Field(description="Your identifier; echoed in the answer.")
    text: StrictStr = Field(description="The text to annotate; offsets point into it.")
    title: StrictStr | None = Field(default=None, description="Context only; weighs for focus.")
    published_at: datetime | None = Field(default=None, description="ISO-8601.")
    spans: list[tuple[StrictInt, StrictInt]] | None = Field(
        default=None,
        description="Gold-span mode: resolve exactly these [start, end) ranges, one place each, "
        "and recognise nothing else.",
    )


class AnnotateBatchIn(BaseModel):
    documents: list[AnnotateDocumentIn] = Field(max_length=MAX_DOCUMENTS)


def _request_kind(value: Any) -> str:
    return "batch" if isinstance(value, dict) and "documents" in value else "document"


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


class RegionOut(BaseModel):
    id: str
    name: str


class AnnotationOut(BaseModel):
    id: str
    places: list[PlaceOut]
    countries: list[CountryOut]
    regions: list[RegionOut]
    entities: list[dict[str, Any]]
    events: list[dict[str, Any]]


class AnnotationBatchOut(BaseModel):
    documents: list[AnnotationOut]


# --- the endpoint --------------------------------------------------------------------------------


@router.post(
    "/annotate",
    response_model=AnnotationOut | AnnotationBatchOut,
    summary="Places, countries and regions of your own text",
    responses={
        413: {"description": f"Body larger than {MAX_BODY_BYTES:,} bytes."},
        422: {"description": f"Invalid document, bad span, or over {MAX_DOCUMENTS} documents."},
    },
)
def annotate(payload: Annotated[AnnotateIn, Body()]) -> AnnotationOut | AnnotationBatchOut:
    """Post one document `{"id", "text", "title"?, "published_at"?, "spans"?}` or
    `{"documents": [...]}` (at most 100, 1 MB in all); the answer has the same shape."""
    geoparser = shared_geoparser()
    if isinstance(payload, AnnotateBatchIn):
        documents = [_document(d, f"documents[{i}]") for i, d in enumerate(payload.documents)]
        return AnnotationBatchOut.model_validate(
            {"documents": [annotate_document(geoparser, d) for d in documents]}
        )
    return AnnotationOut.model_validate(annotate_document(geoparser, _document(payload, "body")))


def _document(posted: AnnotateDocumentIn, where: str) -> AnnotateDocument:
    try:
        return document_from_fields(
            posted.id, posted.text, posted.title, posted.published_at, posted.spans
        )
    except AnnotateInputError as error:
        raise HTTPException(422, f"{where}: {error}") from None
