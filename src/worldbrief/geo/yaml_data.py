"""Reading geo YAML files: every scalar stays a string, so ``NO`` is Norway, not ``False``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class GeoDataError(ValueError):
    """A geo data file is missing, unreadable or not in the expected shape."""


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GeoDataError(f"{path}: cannot read file ({exc.strerror or exc})") from None
    try:
        # BaseLoader keeps scalars as strings: country codes such as NO or ON stay codes.
        return yaml.load(text, Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader builds no objects
    except yaml.YAMLError as exc:
        raise GeoDataError(f"{path}: not valid YAML ({exc})") from None


def string_list(value: Any, where: str) -> list[str]:
    """A YAML list of strings, or a clear error naming ``where``."""
    if value is None or value == "":
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GeoDataError(f"{where}: expected a list of strings, got {value!r}")
    return [v.strip() for v in value if v.strip()]
