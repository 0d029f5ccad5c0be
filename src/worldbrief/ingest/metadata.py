"""Metadata (the record fields worldbrief does not know) as plain JSON every store can hold.

Checked once, where every entry path passes (``build_article``): nesting depth and JSON size are
capped, text is cleaned of characters no store or feed can carry, and NaN or infinity (which
JSON cannot hold) are refused, each with a message naming the field.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

from worldbrief.ingest.dates import shown
from worldbrief.ingest.fields import RecordError
from worldbrief.text.characters import clean_text


def checked_metadata(value: Mapping[Any, Any], *, max_bytes: int, max_depth: int) -> dict[str, Any]:
    """``value`` as cleaned JSON values; raises ``RecordError`` naming what breaks a cap."""
    converted = _plain(value, "", 1, max_depth)
    assert isinstance(converted, dict)
    try:
        size = len(json.dumps(converted, ensure_ascii=False, allow_nan=False).encode("utf-8"))
    except ValueError as error:  # e.g. an integer too long to write out
        raise RecordError(f"metadata cannot be stored as JSON: {error}") from None
    if size > max_bytes:
        raise RecordError(
            f"metadata is {size:,} bytes of JSON, over the limit of {max_bytes:,} bytes "
            "(setting max_metadata_bytes)"
        )
    return converted


def _plain(value: Any, path: str, depth: int, max_depth: int) -> Any:
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise RecordError(f"{_named(path)} is {value}, which JSON cannot hold")
        return value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        return clean_text(value.decode("utf-8", errors="replace"))
    if not isinstance(value, Mapping | list | tuple | set | frozenset):
        raise RecordError(f"{_named(path)} holds a {type(value).__name__}, not a JSON value")
    if depth > max_depth:
        raise RecordError(
            f"{_named(path)} is nested deeper than {max_depth} levels of lists and mappings "
            "(setting max_metadata_depth)"
        )
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            name = clean_text(_key(key, path))
            out[name] = _plain(item, f"{path}.{name}" if path else name, depth + 1, max_depth)
        return out
    items = sorted(value, key=repr) if isinstance(value, set | frozenset) else value
    return [_plain(item, f"{path}[{i}]", depth + 1, max_depth) for i, item in enumerate(items)]


def _named(path: str) -> str:
    """``field 'a.b[2]'`` for messages, cut short when the path is long."""
    return f"field {shown(path)}" if path else "metadata"


def _key(key: Any, path: str) -> str:
    if isinstance(key, str):
        return key
    if key is None or isinstance(key, bool | int | float | date):
        return key.isoformat() if isinstance(key, date) else str(key)
    raise RecordError(f"{_named(path)} has a key of type {type(key).__name__}")
