"""Turn free-form article metadata into plain JSON values, or say which key cannot be."""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

JsonValue = None | bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"]


def to_json_value(value: Any, path: str = "metadata") -> JsonValue:
    """Dates become ISO 8601 text, tuples and sets lists, enums their values.

    Raises ``ValueError`` naming the offending ``path`` (e.g. ``metadata.tags[2]``).
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{path} is {value}, which JSON cannot hold")
        return value
    if isinstance(value, enum.Enum):
        return to_json_value(value.value, path)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return to_json_value(float(value), path)
    if isinstance(value, Mapping):
        out: dict[str, JsonValue] = {}
        for key, item in value.items():
            if not isinstance(key, str | int | float | bool):
                raise ValueError(f"{path} has a key of type {type(key).__name__}: {key!r}")
            out[str(key)] = to_json_value(item, f"{path}.{key}")
        return out
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=repr) if isinstance(value, set | frozenset) else value
        return [to_json_value(item, f"{path}[{i}]") for i, item in enumerate(items)]
    raise ValueError(f"{path} holds a {type(value).__name__}, which cannot be stored as JSON")
