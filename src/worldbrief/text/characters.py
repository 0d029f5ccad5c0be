"""Text that every serialisation can carry.

XML 1.0 forbids most C0 control characters, lone surrogates and U+FFFE/U+FFFF; PostgreSQL refuses
NUL in text. Text from outside is cleaned once at the edge (ingest, forms, API bodies) and again
wherever it is serialised (Atom, exports, HTML), so text stored before the rule still serialises.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# Everything outside XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] |
# [#xE000-#xFFFD] | [#x10000-#x10FFFF].
_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def has_forbidden_characters(text: str) -> bool:
    return _FORBIDDEN.search(text) is not None


def clean_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (NUL, ESC, lone surrogates, U+FFFF...)."""
    if _FORBIDDEN.search(text) is None:  # the common case costs one scan and no copy
        return text
    return _FORBIDDEN.sub("", text)


def clean_value(value: Any) -> Any:
    """``clean_text`` applied to every string inside a JSON-like value, keys included."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, Mapping):
        return {clean_text(str(k)): clean_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_value(v) for v in value]
    return value
