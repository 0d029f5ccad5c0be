"""The record fields shared by Markdown front matter and JSON/JSONL records.

Each field has a few accepted spellings (``published_at`` or ``date``); unknown fields are kept in
``metadata`` so nothing a source told us is lost (``build_article`` checks and caps it). A wrong
value, a date outside the supported range or a URL that is not http(s) raises ``RecordError``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, TypeVar

from worldbrief.domain import AccessLevel, ArticleType, Author, BodyFormat, RawDocument
from worldbrief.ingest.bylines import byline_name
from worldbrief.ingest.dates import parse_timestamp, type_name
from worldbrief.text.urls import checked_http_url

T = TypeVar("T")


class RecordError(ValueError):
    """One record cannot be read; the message is the reason shown to the user."""


@dataclass(frozen=True, slots=True)
class RecordFields:
    """Everything but the title and body, read from one record."""

    external_id: str | None = None
    url: str | None = None
    teaser: str | None = None
    type: ArticleType | None = None
    authors: tuple[Author, ...] = ()
    published_at: datetime | None = None
    updated_at: datetime | None = None
    source_name: str | None = None
    language: str | None = None
    access: AccessLevel | None = None
    media_url: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    def document(
        self, location: str, title: str, body: str, body_format: BodyFormat, **metadata: Any
    ) -> RawDocument:
        """The raw document; ``metadata`` adds reader notes such as the encoding used."""
        return RawDocument(
            location=location,
            title=title,
            body=body,
            body_format=body_format,
            external_id=self.external_id,
            url=self.url,
            teaser=self.teaser,
            type=self.type,
            authors=self.authors,
            published_at=self.published_at,
            updated_at=self.updated_at,
            source_name=self.source_name,
            language=self.language,
            access=self.access,
            media_url=self.media_url,
            metadata={**self.metadata, **metadata},
        )


_ALIASES: dict[str, tuple[str, ...]] = {
    "external_id": ("id",),
    "url": ("url", "link"),
    "teaser": ("teaser", "summary"),
    "type": ("type",),
    "published_at": ("published_at", "date", "published"),
    "updated_at": ("updated_at", "updated"),
    "source_name": ("source",),
    "language": ("language", "lang"),
    "access": ("access",),
    "media_url": ("media_url", "video", "audio"),
}
_AUTHOR_KEYS = ("authors", "author", "role")


def read_record_fields(record: Mapping[str, Any], *, reserved: frozenset[str]) -> RecordFields:
    """Read the known fields of ``record``; keys in ``reserved`` are left to the caller."""
    used: set[str] = set(reserved) | set(_AUTHOR_KEYS)

    def take(role: str, convert: Callable[[Any], T]) -> T | None:
        for key in _ALIASES[role]:
            if key in record:
                used.update(_ALIASES[role])
                value = record[key]
                if value is None or value == "":
                    return None
                try:
                    return convert(value)
                except (TypeError, ValueError) as error:
                    raise RecordError(f"field {key!r}: {error}") from None
        return None

    fields = RecordFields(
        external_id=take("external_id", _identifier),
        url=take("url", _http_url),
        teaser=take("teaser", _text),
        type=take("type", lambda v: ArticleType.parse(_text(v))),
        authors=_authors(record),
        published_at=take("published_at", parse_timestamp),
        updated_at=take("updated_at", parse_timestamp),
        source_name=take("source_name", _text),
        language=take("language", _text),
        access=take("access", lambda v: AccessLevel.parse(_text(v))),
        media_url=take("media_url", _http_url),
    )
    extra = {str(k): v for k, v in record.items() if k not in used}
    return replace(fields, metadata=extra)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type_name(value)}")
    return value.strip()


def _http_url(value: Any) -> str:
    return checked_http_url(_text(value))


def _identifier(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise TypeError(f"expected text or a whole number, got {type_name(value)}")
    return str(value).strip()


def _authors(record: Mapping[str, Any]) -> tuple[Author, ...]:
    """``authors`` (list of names or ``{name, role}``, or one name), or ``author`` with ``role``."""
    if record.get("authors") is not None:
        value = record["authors"]
        items = value if isinstance(value, list) else [value]
        authors = (_author(item, "authors") for item in items if item is not None)
        return tuple(author for author in authors if author.name)
    if record.get("author") not in (None, ""):
        role = record.get("role")
        if role is not None and not isinstance(role, str):
            raise RecordError(f"field 'role': expected text, got {type_name(role)}")
        author = _author(record["author"], "author")
        if role and author.role is None:
            author = Author(author.name, role.strip())
        return (author,) if author.name else ()
    return ()


def _author(item: Any, key: str) -> Author:
    # A byline names a person: an e-mail address in the field is dropped, never shown.
    if isinstance(item, str):
        return Author(byline_name(item) or "")
    if isinstance(item, Mapping):
        name, role = item.get("name"), item.get("role")
        if not isinstance(name, str) or not name.strip():
            raise RecordError(f"field {key!r}: each author needs a 'name' as text")
        if role is not None and not isinstance(role, str):
            raise RecordError(f"field {key!r}: an author's 'role' must be text")
        return Author(byline_name(name) or "", role.strip() if role else None)
    raise RecordError(
        f"field {key!r}: expected names or {{name, role}} entries, got {type_name(item)}"
    )
