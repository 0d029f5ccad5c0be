"""Search parameters from a URL's query string, validated with messages users can act on.

Pages, the API and Atom feeds read the same parameters, so they parse them here, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Annotated

from fastapi import Depends, Query

from worldbrief.search.query import SearchQuery, SortOrder


class SearchParamError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class SearchParams:
    q: str = ""
    country: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    year: tuple[str, ...] = ()
    date_from: str = ""
    date_to: str = ""
    sort: str = ""
    page: int = 1
    per_page: int = 20

    def to_query(self) -> SearchQuery:
        return SearchQuery(
            text=self.q.strip(),
            countries=tuple(c.strip().upper() for c in self.country if c.strip()),
            regions=tuple(r.strip().lower() for r in self.region if r.strip()),
            types=tuple(t.strip().lower() for t in self.type if t.strip()),
            authors=tuple(a.strip() for a in self.author if a.strip()),
            years=tuple(_year(y) for y in self.year if y.strip()),
            date_from=_day(self.date_from, "from", time.min),
            date_to=_day(self.date_to, "to", time.max),
            sort=_sort(self.sort, has_text=bool(self.q.strip())),
            page=max(1, self.page),
            per_page=min(max(1, self.per_page), 100),
        )


def _year(value: str) -> int:
    try:
        year = int(value)
    except ValueError:
        raise SearchParamError(f"year must be a number such as 2021, got {value!r}") from None
    if not 1800 <= year <= 2200:
        raise SearchParamError(f"year {year} is out of range")
    return year


def _day(value: str, name: str, clock: time) -> datetime | None:
    if not value.strip():
        return None
    try:
        day = date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise SearchParamError(f"'{name}' must be a date as YYYY-MM-DD, got {value!r}") from None
    return datetime.combine(day, clock, tzinfo=UTC)


def _sort(value: str, *, has_text: bool) -> SortOrder:
    if not value:
        # Without words there is no relevance to rank by; newest first is what readers expect.
        return SortOrder.RELEVANCE if has_text else SortOrder.NEWEST
    try:
        return SortOrder(value)
    except ValueError:
        allowed = ", ".join(s.value for s in SortOrder)
        raise SearchParamError(f"sort must be one of {allowed}, got {value!r}") from None


ListParam = Annotated[list[str] | None, Query()]


def read_search_params(
    q: Annotated[str, Query(description='Words, "phrases", OR, -exclude, country:KZ')] = "",
    country: ListParam = None,
    region: ListParam = None,
    type: ListParam = None,
    author: ListParam = None,
    year: ListParam = None,
    date_from: Annotated[str, Query(alias="from", description="YYYY-MM-DD")] = "",
    date_to: Annotated[str, Query(alias="to", description="YYYY-MM-DD")] = "",
    sort: Annotated[str, Query(description="relevance, newest or oldest")] = "",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
) -> SearchParams:
    """The search parameters of a request's query string (a FastAPI dependency)."""
    return SearchParams(
        q=q,
        country=tuple(country or ()),
        region=tuple(region or ()),
        type=tuple(type or ()),
        author=tuple(author or ()),
        year=tuple(year or ()),
        date_from=date_from,
        date_to=date_to,
        sort=sort,
        page=page,
        per_page=per_page,
    )


SearchParamsDep = Annotated[SearchParams, Depends(read_search_params)]
