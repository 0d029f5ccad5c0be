"""JSON request bodies of the API, checked before a route reads them.

A route built with ``JsonBodyRoute`` that takes a body answers 415 unless the body says it is
JSON, 413 past ``WORLDBRIEF_API_MAX_BODY_BYTES`` (read at most that far, so an oversized body
costs at most the limit in memory), and 422 for malformed JSON: bad syntax or UTF-8, NaN or
Infinity, nesting too deep, a lone surrogate. Routes then see plain, well-formed JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from email.message import Message
from typing import Any

from fastapi import HTTPException, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.routing import APIRoute

from worldbrief.services.annotate import AnnotateInputError, decode_json

BODY_ERRORS = (413, 415, 422)  # what a body route may answer before the route runs


class JsonBodyRoute(APIRoute):
    """An API route whose JSON body, if it takes one, is checked first (see the module)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        if self.body_field is None:
            return handler

        async def checked(request: Request) -> Response:
            await read_json_body(request)
            return await handler(request)

        return checked


async def read_json_body(request: Request, limit: int | None = None, setting: str = "") -> None:
    """Read and decode the body, leaving the result where FastAPI looks for it.

    ``limit`` and the ``setting`` that sets it default to ``WORLDBRIEF_API_MAX_BODY_BYTES``."""
    if not is_json(request.headers.get("content-type")):
        raise HTTPException(
            415, "the body must be JSON: send it with content-type: application/json"
        )
    if limit is None:
        limit = request.app.state.platform.settings.api_max_body_bytes
        setting = "WORLDBRIEF_API_MAX_BODY_BYTES"
    too_large = HTTPException(
        413, f"request body is larger than {limit:,} bytes, the limit set by {setting}"
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    body = b"".join(chunks)
    # Starlette keeps what it read; FastAPI's own parsing then uses these.
    request._body = body
    request._json = await run_in_threadpool(_decode, body)


def is_json(content_type: str | None) -> bool:
    """True for ``application/json`` and ``application/*+json``, whatever the parameters."""
    if not content_type:
        return False
    message = Message()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (
        subtype == "json" or subtype.endswith("+json")
    )


def _decode(body: bytes) -> object:
    if not body.strip():
        raise HTTPException(422, "the body is empty: expected a JSON document")
    try:
        return decode_json(body.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise HTTPException(
            422, f"body: not valid UTF-8 ({error.reason} at byte {error.start})"
        ) from None
    except AnnotateInputError as error:
        raise HTTPException(422, f"body: {error}") from None
