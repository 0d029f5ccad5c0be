"""`GET /api/export`: the articles matching a search as JSON Lines or CSV, through the paywall.

Each article comes with the entities it names and the events it reports. An event's evidence
is the text of the sentences that report it, so it follows the body: given only to a viewer
who may read the article in full, empty otherwise."""

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
from worldbrief.domain.entities import NamedEntity
from worldbrief.domain.events import EventMention
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
COLUMNS += ["teaser", "text", "locked", "entities", "events"]
JSON_LINES = "application/x-ndjson"
CSV = "text/csv"
_TEXT: dict[str, Any] = {"schema": {"type": "string"}}
_EXPORTED: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "One article per JSON line (`format=jsonl`), or CSV with a header row "
        f"(`format=csv`); columns: {', '.join(COLUMNS)}. In JSON Lines `entities` are objects "
        "(id, name, type, countries) and `events` objects (type, subtype, confidence, date, "
        "date_precision, place, actors, fatalities, fatalities_approximate, evidence: the "
        "sentences reporting it, empty when the text is locked); in CSV both are summaries "
        "separated by '; '.",
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
        "entities": [_entity(entity) for entity in article.enrichment.entities],
        "events": [_event(event, article.plain_text, full) for event in article.enrichment.events],
    }
    cleaned: dict[str, object] = clean_value(row)
    return cleaned


def _entity(entity: NamedEntity) -> dict[str, object]:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type.value,
        "countries": list(entity.countries),
    }


def _event(event: EventMention, text: str, full: bool) -> dict[str, object]:
    place = event.place
    return {
        "type": event.type,
        "subtype": event.subtype,
        "confidence": event.confidence,
        "date": event.date.isoformat() if event.date else None,
        "date_precision": event.date_precision.value if event.date_precision else None,
        "place": None
        if place is None
        else {
            "name": place.name,
            "country": place.country,
            "admin1": place.admin1,
            "lat": place.lat,
            "lon": place.lon,
        },
        "actors": [
            {
                "name": actor.name,
                "role": actor.role.value,
                "type": actor.type.value if actor.type else None,
                "entity_id": actor.entity_id,
            }
            for actor in event.actors
        ],
        "fatalities": event.fatalities,
        "fatalities_approximate": event.fatalities_approximate,
        # The sentences are the article's text: only for a viewer who may read it.
        "evidence": [text[s.start : s.end].strip() for s in event.evidence] if full else [],
    }


def _csv(rows: list[dict[str, object]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows([{**row, **_summaries(row)} for row in rows])
    return buffer.getvalue()


def _summaries(row: dict[str, Any]) -> dict[str, str]:
    """Entities and events as one cell each: names; "subtype date place" per event."""
    events = []
    for event in row["events"]:
        place = (event["place"] or {}).get("name")
        events.append(" ".join(str(v) for v in (event["subtype"], event["date"], place) if v))
    return {
        "entities": "; ".join(entity["name"] for entity in row["entities"]),
        "events": "; ".join(events),
    }
