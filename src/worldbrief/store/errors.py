"""Errors the store raises, with database URLs shown without their passwords."""

from __future__ import annotations

import re

from worldbrief.domain.errors import FeedNotFoundError, StoreError

__all__ = ["FeedNotFoundError", "StoreError", "redact_url"]

_PASSWORD_IN_URL = re.compile(r"(?P<head>://[^/:@]*:)[^@/]*(?P<tail>@)")


def redact_url(url: str) -> str:
    """``postgresql://user:secret@host/db`` -> ``postgresql://user:***@host/db``."""
    return _PASSWORD_IN_URL.sub(r"\g<head>***\g<tail>", url)
