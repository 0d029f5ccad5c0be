"""The JSON API's error answers: their shapes, how routes declare them, and safe bodies.

Every error of the API is ``{"detail": "..."}``; a request that does not match the documented
schema (422) also lists each problem in ``errors``. Bodies never echo the rejected input: it can
be anything a client sent (NaN, lone surrogates, megabytes), and an error must always serialise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, Field

_MAX_TEXT = 300  # a field name or message longer than this is cut: the client sent it
MAX_DETAIL = 2_000  # an error message quoting what the client sent stays readable
_SURROGATES = str.maketrans({code: "\ufffd" for code in range(0xD800, 0xE000)})


class ApiError(BaseModel):
    detail: str = Field(description="What is wrong, naming the input or the limit.")


class Problem(BaseModel):
    loc: list[str | int] = Field(
        description='Where the problem is: "query", "path", "header" or "body", then the '
        "parameter or field names and list positions."
    )
    msg: str = Field(description="What is wrong with the value.")
    type: str = Field(description="A machine-readable kind of problem, e.g. missing.")


class ApiValidationError(BaseModel):
    detail: str = Field(description="Every problem, as `place: message`, separated by `; `.")
    errors: list[Problem] = Field(
        default=[], description="One entry per problem when the request did not match the schema."
    )


_DESCRIPTIONS = {
    400: "The request is well formed but its content is not acceptable (e.g. search syntax).",
    401: "The bearer token is missing, unknown or revoked.",
    403: "The token's account may not do this.",
    404: "Nothing with that id, or the endpoint is disabled on this site.",
    409: "The resource changed meanwhile; retry.",
    413: "The request body is larger than the site accepts.",
    415: "The body was not sent as `application/json`.",
    422: "The request does not match the schema: a parameter or field is missing, of the "
    "wrong type or out of bounds.",
}


def error_responses(*statuses: int | tuple[int, str]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for the error statuses a route answers, each with its JSON shape;
    a ``(status, description)`` pair words the description for that route."""
    declared: dict[int | str, dict[str, Any]] = {}
    for entry in statuses:
        status, description = entry if isinstance(entry, tuple) else (entry, _DESCRIPTIONS[entry])
        model = ApiValidationError if status == 422 else ApiError
        declared[status] = {"model": model, "description": description}
    return declared


def validation_error_body(errors: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The 422 body for pydantic's errors: place, message and kind of each problem, never the
    rejected input or the error's context (either may hold anything the client sent)."""
    problems = [
        {
            "loc": [_place(part) for part in error.get("loc", ())],
            "msg": safe_text(str(error.get("msg", ""))),
            "type": safe_text(str(error.get("type", ""))),
        }
        for error in errors
    ]
    detail = "; ".join(
        f"{'.'.join(str(p) for p in problem['loc'][1:]) or 'request'}: {problem['msg']}"
        for problem in problems
    )
    return {"detail": detail or "the request is not valid", "errors": problems}


def safe_text(text: str, limit: int = _MAX_TEXT) -> str:
    """``text`` that any JSON encoder and UTF-8 can carry, cut to ``limit`` characters."""
    cut = text if len(text) <= limit else text[:limit] + "…"
    return cut.translate(_SURROGATES)


def _place(part: object) -> str | int:
    if isinstance(part, int) and not isinstance(part, bool):
        return part
    return safe_text(str(part))
