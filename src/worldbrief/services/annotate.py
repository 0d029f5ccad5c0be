"""Use case: annotate a caller's own text with places, countries and regions (``annotate``).

One document in, one JSON-ready annotation out; the CLI and ``POST /api/annotate`` share this
contract (described in docs/annotate.md). Input errors name the field and the problem, and an
input line that cannot be used becomes an error record in its place instead of stopping a batch.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypedDict, final

from worldbrief.config import Settings
from worldbrief.domain import (
    Article,
    ArticleType,
    BodyFormat,
    CountryMention,
    Enrichment,
    PlaceMention,
    Span,
)
from worldbrief.domain.events import EventMention
from worldbrief.enrich.events import NO_PUBLICATION_TIME
from worldbrief.enrich.pipeline import Pipeline
from worldbrief.geo.geoparser import Geoparser, GeoparseRequest, GeoparseResult
from worldbrief.geo.gold_spans import MAX_GOLD_SPAN_CHARS

MAX_SPANS = 10_000  # gold spans per document: far beyond any text's place names
MAX_JSON_DEPTH = 16  # a batch of documents with spans nests five deep
_SURROGATE = re.compile("[\ud800-\udfff]")


class AnnotateInputError(ValueError):
    """A document that cannot be annotated; the message names the field and the problem."""


@dataclass(frozen=True, slots=True)
class AnnotateDocument:
    id: str
    request: GeoparseRequest


class PlaceAnnotation(TypedDict):
    start: int
    end: int
    text: str
    name: str
    geonameid: int | None
    lat: float | None  # null only for a gold span the geoparser could not resolve
    lon: float | None
    country: str | None
    admin1: str | None
    feature: str | None


class CountryAnnotation(TypedDict):
    code: str
    name: str
    score: float
    focus: bool
    evidence: list[list[int]]
    primary: bool  # the one focus country the text is most about


class RegionAnnotation(TypedDict):
    id: str
    name: str


class EntityAnnotation(TypedDict):
    id: str  # stable across texts: a curated actor's id, or the slug of a learned name
    name: str  # canonical name
    type: str  # armed group | organization | person | party | state forces
    aliases: list[str]
    countries: list[str]  # ISO 3166-1 alpha-2
    mentions: list[list[int]]  # [start, end) of every mention in the text


class EventActorAnnotation(TypedDict):
    name: str
    role: str  # actor1 | actor2 | associated
    type: str | None  # an ACLED actor type ("state forces")
    entity_id: str | None


class EventAnnotation(TypedDict):
    type: str
    subtype: str
    confidence: float
    date: str | None  # ISO 8601; the first day of the period for a coarser precision
    date_precision: str | None  # day | week | month | year
    date_text: str | None
    place: PlaceAnnotation | None
    actors: list[EventActorAnnotation]
    fatalities: int | None
    fatalities_approximate: bool
    evidence: list[list[int]]


@final
class Annotation(TypedDict):
    id: str
    places: list[PlaceAnnotation]
    countries: list[CountryAnnotation]
    regions: list[RegionAnnotation]
    entities: list[EntityAnnotation]
    events: list[EventAnnotation]


@final
class AnnotationError(TypedDict):
    id: str | None
    error: str


# --- input -----------------------------------------------------------------------------------


def document_from_fields(
    doc_id: str,
    text: str,
    title: str | None = None,
    published_at: datetime | None = None,
    spans: Sequence[Sequence[int]] | None = None,
) -> AnnotateDocument:
    """A document from already-typed fields; checks that every span lies inside ``text``."""
    gold: tuple[Span, ...] | None = None
    if spans is not None:
        if len(spans) > MAX_SPANS:
            raise AnnotateInputError(f"spans: {len(spans):,} spans; at most {MAX_SPANS:,}")
        gold = tuple(_span(pair, i, len(text)) for i, pair in enumerate(spans))
    if published_at is not None:
        published_at = _in_utc(published_at)
    request = GeoparseRequest(text=text, title=title or None, published_at=published_at, spans=gold)
    return AnnotateDocument(id=doc_id, request=request)


def parse_document(record: object) -> AnnotateDocument:
    """A document from one decoded JSON value of the input shape."""
    if not isinstance(record, dict):
        raise AnnotateInputError(f"expected a JSON object, got {_json_type(record)}")
    doc_id, text = record.get("id"), record.get("text")
    title, published, spans = record.get("title"), record.get("published_at"), record.get("spans")
    if not isinstance(doc_id, str):
        raise AnnotateInputError(_wrong_type("id", "a string", doc_id, "id" in record))
    if not isinstance(text, str):
        raise AnnotateInputError(_wrong_type("text", "a string", text, "text" in record))
    if title is not None and not isinstance(title, str):
        raise AnnotateInputError(_wrong_type("title", "a string or null", title, True))
    if published is not None and not isinstance(published, str):
        raise AnnotateInputError(_wrong_type("published_at", "an ISO-8601 string", published, True))
    if spans is not None and not isinstance(spans, list):
        raise AnnotateInputError(_wrong_type("spans", "a list of [start, end]", spans, True))
    published_at = None if published is None else parse_published_at(published)
    return document_from_fields(doc_id, text, title, published_at, spans)


def parse_line(line: bytes | str, line_number: int) -> AnnotateDocument | AnnotationError:
    """One JSONL input line, or the error record that takes its place in the output."""
    try:
        text = line.decode("utf-8") if isinstance(line, bytes) else line
    except UnicodeDecodeError as error:
        return AnnotationError(id=None, error=f"line {line_number}: not valid UTF-8 ({error})")
    try:
        record = decode_json(text.lstrip("\ufeff"))
    except AnnotateInputError as error:
        return AnnotationError(id=None, error=f"line {line_number}: {error}")
    try:
        return parse_document(record)
    except AnnotateInputError as error:
        found = record.get("id") if isinstance(record, dict) else None
        return AnnotationError(
            id=found if isinstance(found, str) else None, error=f"line {line_number}: {error}"
        )


def decode_json(text: str) -> object:
    """One JSON value. Malformed input of any kind is an ``AnnotateInputError``: bad syntax,
    NaN or Infinity (not JSON), a number too large or too long to convert, nesting beyond
    ``MAX_JSON_DEPTH`` (which no valid document needs, and which would make any echo of it
    in an error fail)."""
    try:
        value = json.loads(text, parse_constant=_not_json, parse_float=_finite)
    except json.JSONDecodeError as error:
        raise AnnotateInputError(f"invalid JSON ({error})") from None
    except RecursionError:
        raise AnnotateInputError(_too_deep()) from None
    except ValueError as error:
        if "digits" in str(error):  # an integer longer than Python converts
            raise AnnotateInputError("invalid JSON (a number of too many digits)") from None
        raise AnnotateInputError(f"invalid JSON ({error})") from None
    problem = _structure_problem(value)
    if problem is not None:
        raise AnnotateInputError(problem)
    return value


def encode_json(value: object, *, compact: bool = False) -> bytes:
    """UTF-8 JSON on one line; a lone surrogate (valid in a JSON string, not in UTF-8) is
    written as a ``\\u`` escape instead of failing."""
    separators = (",", ":") if compact else (", ", ": ")
    try:
        written = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=separators)
        return written.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, allow_nan=False, separators=separators).encode("ascii")


def _not_json(constant: str) -> object:
    raise ValueError(f"{constant} is not a JSON value")


def _finite(written: str) -> float:
    value = float(written)
    if math.isinf(value):
        raise ValueError("too large a number (past the largest float)")
    return value


def _too_deep() -> str:
    return f"invalid JSON (nested more than {MAX_JSON_DEPTH} levels deep)"


def _structure_problem(value: object) -> str | None:
    """Nesting beyond ``MAX_JSON_DEPTH``, or a string with a lone surrogate: JSON's escapes
    can write one ("\\ud800"), but it is no character, and no UTF-8 text can hold it."""
    pending: list[tuple[object, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return "invalid JSON (a string holds a lone surrogate, which is no character)"
        elif isinstance(item, dict | list):
            if depth > MAX_JSON_DEPTH:
                return _too_deep()
            children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
            pending.extend((child, depth + 1) for child in children)
    return None


def parse_published_at(value: str) -> datetime:
    """An ISO-8601 date or date-time, in UTC (a date without an offset is taken as UTC)."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise AnnotateInputError("published_at: must be an ISO-8601 date") from None
    return _in_utc(parsed)


def _in_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise AnnotateInputError(
            f"published_at: {moment.isoformat()} is out of range (years 1 to 9999 in UTC)"
        ) from None


def _span(pair: object, index: int, length: int) -> Span:
    where = f"spans[{index}]"
    if not isinstance(pair, list | tuple) or len(pair) != 2:
        raise AnnotateInputError(f"{where}: expected [start, end], a list of two integers")
    start, end = pair
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
        raise AnnotateInputError(f"{where}: start and end must be integers")
    if not 0 <= start < end <= length:
        raise AnnotateInputError(
            f"{where}: the span is not a non-empty range inside the text "
            f"(0 <= start < end <= {length})"
        )
    if end - start > MAX_GOLD_SPAN_CHARS:
        raise AnnotateInputError(
            f"{where}: {end - start:,} characters long; a place name has at most "
            f"{MAX_GOLD_SPAN_CHARS}"
        )
    return Span(start, end)


def _wrong_type(field: str, expected: str, value: object, present: bool) -> str:
    if not present:
        return f"{field}: missing (expected {expected})"
    return f"{field}: expected {expected}, got {_json_type(value)}"


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)


# --- annotating ------------------------------------------------------------------------------


def annotate_document(geoparser: Geoparser, document: AnnotateDocument) -> Annotation:
    """Run the configured enrichment stages that produce what an annotation shows (places,
    countries, regions, entities), with ``geoparser`` as the geotag stage's, over the document
    as an article whose text is the document's text. Gold spans ask the geoparser itself to
    resolve exactly those spans, which no article carries."""
    if document.request.spans is not None:
        return annotation_of(document, geoparser.geoparse(document.request))
    enriched = annotation_pipeline(geoparser)(_as_article(document))
    return _annotation_of_article(document.id, enriched.enrichment)


def annotate_line(
    geoparser: Geoparser, line: bytes | str, line_number: int
) -> Annotation | AnnotationError:
    """One JSONL line annotated; whatever goes wrong is reported on that line only."""
    parsed = parse_line(line, line_number)
    if not isinstance(parsed, AnnotateDocument):
        return parsed
    try:
        return annotate_document(geoparser, parsed)
    except Exception as error:  # one failing document must not end a batch
        return AnnotationError(
            id=parsed.id, error=f"line {line_number}: annotation failed ({error!r})"
        )


def annotation_of(document: AnnotateDocument, result: GeoparseResult) -> Annotation:
    text = document.request.text
    spans = document.request.spans
    # An unresolved gold span still names its country when a country claims it as evidence.
    country_of = {span: c.code for c in result.countries for span in c.evidence}
    if spans is None:
        places = [_place(p) for p in result.places if p is not None]
    else:  # exactly one place per gold span, whatever the geoparser returned
        resolved = [*result.places[: len(spans)], *[None] * (len(spans) - len(result.places))]
        places = [
            _place(p) if p is not None else _unresolved(span, text, country_of.get(span))
            for span, p in zip(spans, resolved, strict=True)
        ]
    return Annotation(
        id=document.id,
        places=places,
        countries=[_country(c) for c in result.countries],
        regions=[RegionAnnotation(id=r.id, name=r.name) for r in result.regions],
        entities=[],
        events=[],
    )


def _country(country: CountryMention) -> CountryAnnotation:
    return CountryAnnotation(
        code=country.code,
        name=country.name,
        score=country.score,
        focus=country.focus,
        evidence=[span.as_list() for span in country.evidence],
        primary=country.primary,
    )


def _annotation_of_article(doc_id: str, enrichment: Enrichment) -> Annotation:
    return Annotation(
        id=doc_id,
        places=[_place(p) for p in enrichment.places],
        countries=[_country(c) for c in enrichment.countries],
        regions=[RegionAnnotation(id=r.id, name=r.name) for r in enrichment.regions],
        entities=[
            EntityAnnotation(
                id=e.id,
                name=e.name,
                type=e.type.value,
                aliases=list(e.aliases),
                countries=list(e.countries),
                mentions=[s.as_list() for s in e.mentions],
            )
            for e in enrichment.entities
        ],
        events=[_event(e) for e in enrichment.events],
    )


def _as_article(document: AnnotateDocument) -> Article:
    """The document as the pipeline sees an article: its text is the whole ``plain_text``, so
    offsets stay offsets into the text; a title apart from it is context for the geotag stage."""
    request = document.request
    return Article(
        id=document.id,
        type=ArticleType.NEWS,
        title=request.title or "",
        body=request.text,
        body_format=BodyFormat.TEXT,
        plain_text=request.text,
        published_at=request.published_at or _NO_DATE,
        metadata={} if request.published_at else {NO_PUBLICATION_TIME: True},
    )


# An Article needs a publication time; the metadata says this one is none (the events stage
# then reads only dates that carry their year).
_NO_DATE = datetime(1970, 1, 1, tzinfo=UTC)
# What an annotation shows, and so which stages annotate runs.
ANNOTATION_FIELDS = frozenset(
    {
        "enrichment.places",
        "enrichment.countries",
        "enrichment.regions",
        "enrichment.entities",
        "enrichment.events",
    }
)


def annotation_pipeline(geoparser: Geoparser) -> Pipeline:
    """The configured stages that produce what an annotation shows, built once per process
    and geoparser, with ``geoparser`` doing the geotag stage's work."""
    kept = _PIPELINES.get(id(geoparser))
    if kept is None or kept[0] is not geoparser:
        kept = _PIPELINES[id(geoparser)] = (geoparser, _annotation_pipeline(geoparser))
    return kept[1]


_PIPELINES: dict[int, tuple[Geoparser, Pipeline]] = {}
# Names a place and a date relative to its publication, so that a first run loads what every
# stage loads lazily (the event classifier's weights, dateparser's language data).
_WARM_UP = AnnotateDocument(
    id="warm-up",
    request=GeoparseRequest(
        text="Police clashed with protesters in Dhaka on 3 March, killing three people.",
        title=None,
        published_at=datetime(2024, 3, 5, tzinfo=UTC),
        spans=None,
    ),
)


def warm_up(geoparser: Geoparser) -> None:
    """Build the annotation stages of ``geoparser`` and run them once, so that processes forked
    afterwards start with everything loaded."""
    annotate_document(geoparser, _WARM_UP)


def _annotation_pipeline(geoparser: Geoparser) -> Pipeline:
    from worldbrief.enrich.geotag import CountryTagger
    from worldbrief.enrich.registry import StageContext, build_pipeline
    from worldbrief.services.platform import load_taxonomy

    settings = Settings()
    names = settings.enrich_stage_names
    if CountryTagger.name not in names:  # annotating is geoparsing first of all
        names = (*names, CountryTagger.name)
    context = StageContext(settings, load_taxonomy(settings))
    tagger = CountryTagger(context.taxonomy, geoparser=geoparser)
    pipeline = build_pipeline(names, context, instances={CountryTagger.name: tagger})
    return pipeline.only_for(ANNOTATION_FIELDS)


def _place(place: PlaceMention) -> PlaceAnnotation:
    return PlaceAnnotation(
        start=place.start,
        end=place.end,
        text=place.text,
        name=place.name,
        geonameid=place.geonameid,
        lat=place.lat,
        lon=place.lon,
        country=place.country,
        admin1=place.admin1,
        feature=place.feature,
    )


def _event(event: EventMention) -> EventAnnotation:
    return EventAnnotation(
        type=event.type,
        subtype=event.subtype,
        confidence=event.confidence,
        date=event.date.isoformat() if event.date else None,
        date_precision=event.date_precision.value if event.date_precision else None,
        date_text=event.date_text,
        place=_place(event.place) if event.place else None,
        actors=[
            EventActorAnnotation(
                name=a.name,
                role=a.role.value,
                type=a.type.value if a.type else None,
                entity_id=a.entity_id,
            )
            for a in event.actors
        ],
        fatalities=event.fatalities,
        fatalities_approximate=event.fatalities_approximate,
        evidence=[s.as_list() for s in event.evidence],
    )


def _unresolved(span: Span, text: str, country: str | None) -> PlaceAnnotation:
    mention = text[span.start : span.end]
    return PlaceAnnotation(
        start=span.start,
        end=span.end,
        text=mention,
        name=mention,
        geonameid=None,
        lat=None,
        lon=None,
        country=country,
        admin1=None,
        feature=None,
    )


# --- the geoparser -----------------------------------------------------------------------------


def load_geoparser() -> Geoparser:
    """The standard geoparser. Imported here, not at the top, so that commands which never
    annotate do not pay for loading the gazetteer code."""
    from worldbrief.geo.geoparse import default_geoparser

    return default_geoparser()
