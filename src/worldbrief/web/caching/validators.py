"""Entity tags, Last-Modified, and whether a conditional request may be answered 304.

``Last-Modified`` has whole seconds only. It is sent only once a second has passed since this
process first saw the version (RFC 9110 8.8.2.2): then any later change is seen in a later
second, and ``If-Modified-Since`` can never hide it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime

from worldbrief.web.caching.watch import Observation


@dataclass(frozen=True, slots=True)
class Validators:
    etag: str
    last_modified: int | None  # POSIX seconds, when strong enough to send

    @classmethod
    def of(cls, observed: Observation, deployment: str) -> Validators:
        since = math.floor(observed.first_seen)
        strong = observed.read_at >= observed.first_seen + 1
        return cls(observed.version.tag(deployment), since if strong else None)

    def headers(self) -> list[tuple[bytes, bytes]]:
        found = [(b"etag", self.etag.encode("latin-1"))]
        if self.last_modified is not None:
            stamp = formatdate(self.last_modified, usegmt=True)
            found.append((b"last-modified", stamp.encode("latin-1")))
        return found

    def satisfied_by(self, if_none_match: str | None, if_modified_since: str | None) -> bool:
        """True when the client's copy is current (answer 304). ``If-None-Match`` decides
        whenever it is present; ``*`` is left to the full answer, which may be a 404."""
        if if_none_match is not None:
            return _weakly_matches(if_none_match, self.etag)
        if if_modified_since is None or self.last_modified is None:
            return False
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError, IndexError, OverflowError):
            return False  # an unreadable date is ignored, as RFC 9110 asks
        if since.tzinfo is None:
            return False  # not an HTTP date (those are GMT)
        return self.last_modified <= since.timestamp()


def _weakly_matches(header: str, etag: str) -> bool:
    mine = _opaque(etag)
    return any(_opaque(candidate) == mine for candidate in header.split(",") if candidate.strip())


def _opaque(tag: str) -> str:
    tag = tag.strip()
    return tag[2:] if tag.startswith(("W/", "w/")) else tag
