"""The index schema: one table of fields, from which the Tantivy schema and fingerprint follow."""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass

import tantivy

from worldbrief.domain import AccessLevel
from worldbrief.search.tantivy.analysis import TEXT_ANALYZER_DESCRIPTION, TEXT_TOKENIZER


class FieldKind(enum.Enum):
    ID = "id"  # raw token, stored: the delete and upsert key
    TEXT = "text"  # analyzed full text with positions, stored for snippets
    KEYWORD = "keyword"  # raw token, fast and stored: filters and facet counts
    LOOKUP = "lookup"  # raw token, indexed only: a normalised key for filters
    DATE = "date"
    INTEGER = "integer"


@dataclass(frozen=True, slots=True)
class IndexField:
    name: str
    kind: FieldKind


ID = "id"
TITLE = "title"
TEASER = "teaser"
BODY = "body"  # the body of a free article
MEMBERS_BODY = "members_body"  # the body of a members-only article, searched only for readers of it
PUBLISHED_AT = "published_at"
YEAR = "year"
TYPE = "type"
ACCESS = "access"
COUNTRY = "country"
REGION = "region"
AUTHOR = "author"
AUTHOR_KEY = "author_key"

FIELDS: tuple[IndexField, ...] = (
    IndexField(ID, FieldKind.ID),
    IndexField(TITLE, FieldKind.TEXT),
    IndexField(TEASER, FieldKind.TEXT),
    IndexField(BODY, FieldKind.TEXT),
    IndexField(MEMBERS_BODY, FieldKind.TEXT),
    IndexField(PUBLISHED_AT, FieldKind.DATE),
    IndexField(YEAR, FieldKind.INTEGER),
    IndexField(TYPE, FieldKind.KEYWORD),
    IndexField(ACCESS, FieldKind.KEYWORD),
    IndexField(COUNTRY, FieldKind.KEYWORD),
    IndexField(REGION, FieldKind.KEYWORD),
    IndexField(AUTHOR, FieldKind.KEYWORD),
    IndexField(AUTHOR_KEY, FieldKind.LOOKUP),
)

# Each body goes to the field of its access level, so a query can leave out bodies the
# viewer may not read while totals and facet counts still come from one index search.
BODY_FIELDS: dict[AccessLevel, str] = {AccessLevel.FREE: BODY, AccessLevel.MEMBERS: MEMBERS_BODY}

# Relevance weights when a word is searched in every text field: the title says most.
TEXT_FIELD_BOOSTS: dict[str, float] = {TITLE: 3.0, TEASER: 1.5, BODY: 1.0, MEMBERS_BODY: 1.0}


def body_fields(bodies: frozenset[AccessLevel]) -> tuple[str, ...]:
    """The body fields of the given access levels, in a stable order."""
    return tuple(field for access, field in BODY_FIELDS.items() if access in bodies)


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for field in FIELDS:
        _add_field(builder, field)
    return builder.build()


def _add_field(builder: tantivy.SchemaBuilder, field: IndexField) -> None:
    if field.kind is FieldKind.ID:
        builder.add_text_field(field.name, stored=True, tokenizer_name="raw", index_option="basic")
    elif field.kind is FieldKind.TEXT:
        builder.add_text_field(field.name, stored=True, tokenizer_name=TEXT_TOKENIZER)
    elif field.kind is FieldKind.KEYWORD:
        builder.add_text_field(
            field.name, stored=True, fast=True, tokenizer_name="raw", index_option="basic"
        )
    elif field.kind is FieldKind.LOOKUP:
        builder.add_text_field(field.name, tokenizer_name="raw", index_option="basic")
    elif field.kind is FieldKind.DATE:
        builder.add_date_field(field.name, stored=True, indexed=True, fast=True)
    else:
        builder.add_integer_field(field.name, stored=True, indexed=True, fast=True)


def schema_fingerprint() -> str:
    """Changes whenever the fields or the analyzer change, so an old index is recreated."""
    description = ";".join(f"{f.name}:{f.kind.value}" for f in FIELDS)
    description += ";" + TEXT_ANALYZER_DESCRIPTION
    return hashlib.sha256(description.encode()).hexdigest()[:16]
