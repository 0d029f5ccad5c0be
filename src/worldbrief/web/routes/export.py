"""`GET /api/export`: the articles matching a search as JSON Lines or CSV, through the paywall."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import StreamingResponse

from worldbrief.domain import Article
from worldbrief.membership.entitlements import Surface, entitlement
from worldbrief.membership.roles import Viewer
from worldbrief.search.query import QuerySyntaxError
from worldbrief.services.platform import Platform
from worldbrief.services.search import search_with_articles
from worldbrief.text.characters import clean_value
from worldbrief.web.api_errors import error_responses
from worldbrief.web.deps import PlatformDep, ViewerDep
from worldbrief.web.search_params import SearchParamError, SearchParams, SearchParamsDep

router = APIRouter(prefix="/api", tags=["api"])
PAGE = 100
MAX_ROWS = 1000  # an export is a working set for an analyst, not a mirror of the archive
COLUMNS = ["id", "type", "title", "published_at", "authors", "countries", "regions", "access"]
COLUMNS += ["teaser", "text", "locked"]
JSON_LINES = "application/x-ndjson"
CSV = "text/csv"
_TEXT: dict[str, Any] = {"schema": {"type": "string"}}
_EXPORTED: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "One article per JSON line (`format=jsonl`), or CSV with a header row "
        f"(`format=csv`); columns: {', '.join(COLUMNS)}.",
        "content": {JSON_LINES: _TEXT, CSV: _TEXT},
    }
}


@router.get(
    "/export",
    summary="Export matching articles (JSON Lines or CSV)",
    response_class=StreamingResponse,
    responses={
        **_EXPORTED,
        **error_responses(
            (400, "Invalid search syntax, or a filter value that is not acceptable."),
            (401, "The bearer token is unknown or revoked (without one the export is public)."),
            422,
        ),
    },
)
def export(
    platform: PlatformDep,
    viewer: ViewerDep,
    params: SearchParamsDep,
    format: Annotated[
        Literal["jsonl", "csv"], Query(description="jsonl (JSON Lines, the default) or csv.")
    ] = "jsonl",
) -> StreamingResponse:
    """Up to 1,000 articles matching the same parameters as `/api/search`. The full text is
    included only where the viewer may read it; otherwise `text` is empty and `locked` true."""
    try:
        rows = list(_rows(platform, viewer, params))
    except (QuerySyntaxError, SearchParamError) as error:
        raise HTTPException(400, str(error)) from None
    if format == "csv":
        return StreamingResponse(
            iter([_csv(rows)]),
            media_type=f"{CSV}; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="worldbrief-export.csv"'},
        )
    lines = (json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    return StreamingResponse(lines, media_type=f"{JSON_LINES}; charset=utf-8")


def _rows(platform: Platform, viewer: Viewer, params: SearchParams) -> Iterator[dict[str, object]]:
    for page in range(1, MAX_ROWS // PAGE + 1):
        query = dataclasses.replace(params, page=page, per_page=PAGE).to_query()
        result, articles = search_with_articles(platform, query, viewer)
        for article in articles:
            yield _row(article, viewer)
        if page * PAGE >= result.total:
            return


def _row(article: Article, viewer: Viewer) -> dict[str, object]:
    """One article; every text cleaned of what XML 1.0 forbids, since exports feed other tools."""
    full = entitlement(viewer, article.access, Surface.EXPORT).full_text
    body = article.plain_text[len(article.title) :].strip() if full else ""
    row: dict[str, object] = {
        "id": article.id,
        "type": article.type.value,
        "title": article.title,
        "published_at": article.published_at.isoformat(),
        "authors": "; ".join(a.name for a in article.authors),
        "countries": " ".join(c.code for c in article.enrichment.focus_countries),
        "regions": " ".join(r.id for r in article.enrichment.regions),
        "access": article.access.value,
        "teaser": article.teaser,
        "text": body,
        "locked": not full,
    }
    cleaned: dict[str, object] = clean_value(row)
    return cleaned


def _csv(rows: list[dict[str, object]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
