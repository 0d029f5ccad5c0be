"""Errors the store raises, with database URLs shown without their passwords."""

from __future__ import annotations

import re

_PASSWORD_IN_URL = re.compile(r"(?P<head>://[^/:@]*:)[^@/]*(?P<tail>@)")


class StoreError(RuntimeError):
    """The store cannot do what was asked; the message names the input and the problem."""


class FeedNotFoundError(StoreError, LookupError):
    """A feed operation named a URL that is not subscribed."""


def redact_url(url: str) -> str:
    """``postgresql://user:secret@host/db`` -> ``postgresql://user:***@host/db``."""
    return _PASSWORD_IN_URL.sub(r"\g<head>***\g<tail>", url)
