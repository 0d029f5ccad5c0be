"""The watchlist form of the account pages: its fields as a reader types them, to and from a
``WatchlistRequest``.

Codes, ids and types are written separated by commas (``KZ, UZ``); divisions and authors, whose
names may hold commas, one a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from worldbrief.domain.watchlists import EmailMode
from worldbrief.services.watchlists import WatchlistRequest

MAX_FIELD = 10_000  # characters of one field, far more than 50 values need
EMAIL_MODES = [
    (EmailMode.IMMEDIATE.value, "As they happen"),
    (EmailMode.DAILY.value, "A daily digest"),
    (EmailMode.WEEKLY.value, "A weekly digest"),
    (EmailMode.OFF.value, "No email"),
]
_COMMAS = re.compile(r"[,\n]")


@dataclass(frozen=True, slots=True)
class WatchlistForm:
    """The form's fields as text, and a problem beside each field that has one."""

    name: str = ""
    countries: str = ""
    regions: str = ""
    divisions: str = ""
    actors: str = ""
    event_types: str = ""
    authors: str = ""
    article_types: str = ""
    query: str = ""
    email: str = EmailMode.DAILY.value
    webhook: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    def as_request(self) -> WatchlistRequest:
        return WatchlistRequest(
            name=self.name, countries=_listed(self.countries), regions=_listed(self.regions),
            divisions=_lines(self.divisions), actors=_listed(self.actors),
            event_types=_listed(self.event_types), authors=_lines(self.authors),
            article_types=_listed(self.article_types), query=self.query.strip() or None,
            email=self.email, webhook=self.webhook.strip() or None,
        )  # fmt: skip


def form_of(request: WatchlistRequest) -> WatchlistForm:
    return WatchlistForm(
        name=request.name, countries=", ".join(request.countries),
        regions=", ".join(request.regions), divisions="\n".join(request.divisions),
        actors=", ".join(request.actors), event_types=", ".join(request.event_types),
        authors="\n".join(request.authors), article_types=", ".join(request.article_types),
        query=request.query or "", email=request.email, webhook=request.webhook or "",
    )  # fmt: skip


def _listed(text: str) -> tuple[str, ...]:
    return tuple(v for v in (" ".join(p.split()) for p in _COMMAS.split(text)) if v)


def _lines(text: str) -> tuple[str, ...]:
    return tuple(v for v in (" ".join(p.split()) for p in text.splitlines()) if v)
