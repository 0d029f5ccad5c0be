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
                    "description": p.get("description", ""),
                }
                for p in operation.get("parameters", [])
            ]
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
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
