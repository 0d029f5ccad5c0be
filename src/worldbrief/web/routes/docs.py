"""`/docs`: an offline, self-contained reference of the API built from the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from worldbrief.domain import BodyFormat
from worldbrief.text.markup import body_to_html
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
                    "description": markdown(_with_bounds(p)),
                }
                for p in operation.get("parameters", [])
            ]
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": markdown(operation.get("description", "")),
                    "parameters": parameters,
                    "body_fields": _body_fields(schema, operation),
                    "responses": [
                        {"status": status, "description": markdown(answer.get("description", ""))}
                        for status, answer in operation.get("responses", {}).items()
                    ],
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


def markdown(text: str) -> Markup:
    """A description's Markdown as sanitised HTML (descriptions are ours, but the sanitiser
    is the one every body goes through, so nothing here can inject script)."""
    if not text.strip():
        return Markup("")
    return Markup(body_to_html(text, BodyFormat.MARKDOWN))  # noqa: S704  # sanitised by nh3


def _body_fields(schema: dict[str, Any], operation: dict[str, Any]) -> list[dict[str, Any]]:
    """The JSON body's top-level fields, of each shape the body may take (annotate has two)."""
    content = operation.get("requestBody", {}).get("content", {})
    body = content.get("application/json", {}).get("schema", {})
    fields: list[dict[str, Any]] = []
    for shape in body.get("anyOf", body.get("oneOf", [body])):
        resolved = _resolve(schema, shape)
        required = set(resolved.get("required", []))
        for name, field in resolved.get("properties", {}).items():
            fields.append(
                {
                    "name": name,
                    "required": name in required,
                    "description": markdown(_with_bounds({**field, "schema": field})),
                }
            )
    return fields


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref", "")
    if not ref.startswith("#/components/schemas/"):
        return node
    found: dict[str, Any] = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    return found


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
