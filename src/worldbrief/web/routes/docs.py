"""`/docs`: an offline, self-contained reference of the API built from the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from worldbrief.web.routes.pages import render

router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    schema: dict[str, Any] = request.app.openapi()
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            parameters = [
                {
                    "name": p["name"],
                    "where": p["in"],
                    "required": p.get("required", False),
                    "description": _with_bounds(p),
                }
                for p in operation.get("parameters", [])
            ]
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": _with_errors(operation),
                    "parameters": parameters,
                    "tag": (operation.get("tags") or ["api"])[0],
                }
            )
    return render(
        request,
        "api_docs.html",
        {
            "operations": operations,
            "page_title": "API reference",
            "api_title": schema["info"]["title"],
        },
    )


def _with_errors(operation: dict[str, Any]) -> str:
    """The operation's description followed by the error statuses it declares."""
    errors = [
        f"{status} {answer.get('description', '').rstrip('.')}"
        for status, answer in operation.get("responses", {}).items()
        if status.startswith(("4", "5"))
    ]
    description: str = operation.get("description", "")
    if not errors:
        return description
    listed = "Errors: " + "; ".join(errors) + "."
    return f"{description} {listed}" if description else listed


def _with_bounds(parameter: dict[str, Any]) -> str:
    """A parameter's description and the bounds its schema sets (range, allowed values)."""
    schema = parameter.get("schema", {})
    schema = schema.get("items", schema) if schema.get("type") == "array" else schema
    bounds = []
    description: str = parameter.get("description", "")
    if ("minimum" in schema or "maximum" in schema) and str(
        schema.get("maximum")
    ) not in description:
        low, high = schema.get("minimum", "…"), schema.get("maximum", "…")
        bounds.append(f"{low:,} to {high:,}" if isinstance(high, int) else f"from {low}")
    if values := [v for v in schema.get("enum", []) if v]:
        bounds.append("one of " + ", ".join(values))
    return " ".join([description, *(f"({bound})" for bound in bounds)]).strip()
