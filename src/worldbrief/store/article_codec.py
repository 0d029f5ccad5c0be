"""Articles to table rows and back. The only module that knows how an Article is laid out."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from worldbrief.domain import (
    AccessLevel,
    Article,
    ArticleType,
    Author,
    BodyFormat,
    CountryMention,
    Enrichment,
    EntityType,
    NamedEntity,
    PlaceMention,
    RegionMention,
    Source,
    Span,
)
from worldbrief.domain.date_range import UnsupportedDateError, supported_utc
from worldbrief.domain.entities import learned_entity_id
from worldbrief.store.json_values import to_json_value
from worldbrief.store.key_values import canonical_keys
from worldbrief.store.stage_tables import StageTables, registered_stage_tables

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class EncodedArticle:
    """An article as rows of each table (without ``created_at`` and ``seq``, set when written)."""

    id: str
    row: Row
    authors: list[Row]
    countries: list[Row]
    regions: list[Row]
    keys: list[Row]
    fingerprint: str
    # Rows of the stages that keep their output in tables of their own, by table name.
    stage_rows: dict[str, list[Row]] = field(default_factory=dict)


def encode_article(article: Article) -> EncodedArticle:
    """Raises ``ValueError`` naming the field that cannot be stored."""
    if not isinstance(article.id, str) or not article.id.strip():
        raise ValueError(f"article id must be a non-empty string, got {article.id!r}")
    if not isinstance(article.published_at, datetime):
        raise ValueError(f"published_at must be a datetime, got {article.published_at!r}")
    published_at = _supported("published_at", article.published_at)
    updated_at = _supported("updated_at", article.updated_at) if article.updated_at else None
    enrichment = article.enrichment
    row: Row = {
        "id": article.id,
        "type": ArticleType(article.type).value,
        "title": article.title,
        "teaser": article.teaser,
        "body": article.body,
        "body_format": BodyFormat(article.body_format).value,
        "plain_text": article.plain_text,
        "published_at": published_at,
        "updated_at": updated_at,
        "source_name": article.source.name,
        "source_url": article.source.url,
        "feed_url": article.source.feed_url,
        "language": enrichment.language,
        "reading_minutes": int(enrichment.reading_minutes),
        "access": AccessLevel(article.access).value,
        "media_url": article.media_url,
        "content_hash": article.content_hash,
        "duplicate_of": article.duplicate_of,
        "metadata": to_json_value(article.metadata),
        "places": [_place_json(p) for p in enrichment.places],
        "entities": [_entity_json(e) for e in enrichment.entities],
    }
    stage_tables = registered_stage_tables()
    for owned in stage_tables:  # a stage that keeps a field in its own tables takes it over
        if owned.field in ("places", "entities"):
            row[owned.field] = []
    stage_rows = _stage_rows(article, stage_tables)
    authors = [
        {"article_id": article.id, "position": i, "name": a.name, "role": a.role}
        for i, a in enumerate(article.authors)
    ]
    countries = [
        {
            "article_id": article.id,
            "position": i,
            "code": c.code,
            "name": c.name,
            "score": float(c.score),
            "focus": bool(c.focus),
            "evidence": _spans_json(c.evidence),
        }
        for i, c in enumerate(enrichment.countries)
    ]
    regions = [
        {"article_id": article.id, "position": i, "region_id": r.id, "name": r.name}
        for i, r in enumerate(enrichment.regions)
    ]
    keys = [
        {"article_id": article.id, "key": key}
        for key in canonical_keys(enrichment.near_duplicate_keys)
    ]
    # Stage rows count only when there are some, so articles without them keep their digest.
    extra = [stage_rows] if stage_rows else []
    payload = _payload(row, authors, countries, regions, keys, *extra)
    if _ESCAPED_NUL in payload:  # rare: only then walk the values to name the field
        _refuse_nul(row, authors, stage_rows)
    digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    return EncodedArticle(
        article.id,
        {**row, "fingerprint": digest},
        authors,
        countries,
        regions,
        keys,
        digest,
        stage_rows,
    )


def _stage_rows(article: Article, stage_tables: Sequence[StageTables]) -> dict[str, list[Row]]:
    found: dict[str, list[Row]] = {}
    for owner in stage_tables:
        for table_name, rows in owner.rows(article).items():
            if rows:
                found[table_name] = [{**r, "article_id": article.id} for r in rows]
    return found


def decode_article(
    row: Mapping[Any, Any],
    authors: Sequence[Mapping[Any, Any]],
    countries: Sequence[Mapping[Any, Any]],
    regions: Sequence[Mapping[Any, Any]],
    keys: Sequence[Mapping[Any, Any]],
    stage_rows: Mapping[str, Mapping[str, Sequence[Mapping[Any, Any]]]] | None = None,
) -> Article:
    """Rebuild an Article from its row and its child rows (each already in position order);
    ``stage_rows`` are the rows of stages' own tables, by field then table name."""
    # Countries are stored strongest first: the first focus one is the primary one.
    primary = next((i for i, c in enumerate(countries) if c["focus"]), None)
    enrichment = Enrichment(
        language=row["language"],
        reading_minutes=row["reading_minutes"],
        countries=tuple(
            CountryMention(
                code=c["code"],
                name=c["name"],
                score=c["score"],
                focus=bool(c["focus"]),
                evidence=_spans_from_json(c["evidence"]),
                primary=i == primary,
            )
            for i, c in enumerate(countries)
        ),
        regions=tuple(RegionMention(id=r["region_id"], name=r["name"]) for r in regions),
        places=tuple(PlaceMention(**p) for p in row["places"]),
        entities=tuple(entity_from_json(e) for e in row["entities"]),
        near_duplicate_keys=canonical_keys(k["key"] for k in keys),
    )
    for owner in registered_stage_tables():
        rows = (stage_rows or {}).get(owner.field, {})
        value: Any = owner.value(rows)
        enrichment = replace(enrichment, **{owner.field: value})
    return Article(
        id=row["id"],
        type=ArticleType(row["type"]),
        title=row["title"],
        body=row["body"],
        body_format=BodyFormat(row["body_format"]),
        plain_text=row["plain_text"],
        published_at=row["published_at"],
        teaser=row["teaser"],
        updated_at=row["updated_at"],
        authors=tuple(Author(name=a["name"], role=a["role"]) for a in authors),
        source=Source(name=row["source_name"], url=row["source_url"], feed_url=row["feed_url"]),
        access=AccessLevel(row["access"]),
        media_url=row["media_url"],
        content_hash=row["content_hash"],
        duplicate_of=row["duplicate_of"],
        metadata=dict(row["metadata"]),
        enrichment=enrichment,
    )


def _supported(name: str, value: datetime) -> datetime:
    """The last check of the rule ``build_article`` applies: a date the index can hold."""
    try:
        return supported_utc(value)
    except UnsupportedDateError as error:
        raise ValueError(f"{name}: {error}") from None


def _refuse_nul(row: Row, authors: list[Row], stage_rows: dict[str, list[Row]]) -> None:
    """PostgreSQL refuses NUL in text; text is cleaned at ingest, so this only guards the rule."""
    author_fields = [(f"authors[{a['position']}]", [a["name"], a["role"]]) for a in authors]
    stage_fields = [(f"{table} rows", list(rows)) for table, rows in stage_rows.items()]
    for name, value in [*row.items(), *author_fields, *stage_fields]:
        if _holds_nul(value):
            raise ValueError(f"{name} contains a NUL character, which the store cannot hold")


def _holds_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


def _spans_json(spans: Sequence[Span]) -> list[list[int]]:
    return [[s.start, s.end] for s in spans]


def _spans_from_json(value: Sequence[Sequence[int]]) -> tuple[Span, ...]:
    return tuple(Span(start, end) for start, end in value)


def _place_json(place: PlaceMention) -> dict[str, Any]:
    return {
        "start": place.start,
        "end": place.end,
        "text": place.text,
        "name": place.name,
        "geonameid": place.geonameid,
        "lat": float(place.lat),
        "lon": float(place.lon),
        "country": place.country,
        "admin1": place.admin1,
        "feature": place.feature,
    }


def _entity_json(entity: NamedEntity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type.value,
        "aliases": list(entity.aliases),
        "countries": list(entity.countries),
        "mentions": _spans_json(entity.mentions),
    }


# Rows written before entities had ids and types: {"name", "kind", "evidence"}.
_OLD_KINDS = {"person": EntityType.PERSON, "party": EntityType.PARTY}


def entity_from_json(value: Mapping[str, Any]) -> NamedEntity:
    """An entity as ``_entity_json`` writes it, or as older rows hold it (its id derived from
    its name, an organisation unless it said it was a person or party)."""
    if "id" not in value:
        name = str(value["name"])
        return NamedEntity(
            id=learned_entity_id(name),
            name=name,
            type=_OLD_KINDS.get(str(value.get("kind")), EntityType.ORGANIZATION),
            mentions=_spans_from_json(value.get("evidence", ())),
        )
    return NamedEntity(
        id=value["id"],
        name=value["name"],
        type=EntityType(value["type"]),
        mentions=_spans_from_json(value["mentions"]),
        aliases=tuple(value["aliases"]),
        countries=tuple(value["countries"]),
    )


def _payload(row: Row, *children: object) -> str:
    """Everything stored, as JSON: its digest tells an identical re-ingest from an update."""
    return json.dumps([row, *children], sort_keys=True, default=_isoformat, ensure_ascii=False)


# How JSON writes a NUL character anywhere in a string (it escapes every control character).
_ESCAPED_NUL = "\\u0000"


def _isoformat(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot fingerprint a {type(value).__name__}")
