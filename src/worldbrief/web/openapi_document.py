"""The OpenAPI document: FastAPI's, plus the answers no route declares for itself.

The host check (``auth/hosts.py``) runs before any route and refuses, with a JSON 400, a
request whose ``Host`` the site does not answer to; every machine-facing operation can
therefore answer 400, and the document says so once here rather than in every route. So does
the NUL check (``nul_guard.py``), a dependency of every route.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from worldbrief.web.nul_guard import NUL_REFUSED

HOST_REFUSED = (
    "The `Host` header names a host this site does not answer to (`WORLDBRIEF_ALLOWED_HOSTS`)."
)
_ERROR_SCHEMA = {"$ref": "#/components/schemas/ApiError"}


def declare_site_wide_answers(app: FastAPI, machine_prefixes: tuple[str, ...]) -> None:
    """Make ``app.openapi`` add the host check's 400 to each operation under the prefixes."""
    build: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            for path, operations in schema.get("paths", {}).items():
                if path.startswith(machine_prefixes):
                    for operation in operations.values():
                        _declare_site_wide_refusals(operation)
        return app.openapi_schema or build()

    app.openapi = openapi  # type: ignore[method-assign]


def _declare_site_wide_refusals(operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    declared = responses.get("400")
    if declared is None:
        responses["400"] = {
            "description": HOST_REFUSED,
            "content": {"application/json": {"schema": _ERROR_SCHEMA}},
        }
    elif HOST_REFUSED not in declared.get("description", ""):
        declared["description"] = f"{declared.get('description', '').rstrip()} Or: {HOST_REFUSED}"
    if NUL_REFUSED not in responses["400"]["description"]:
        responses["400"]["description"] += f" Or: {NUL_REFUSED}"
