"""Search parameters from a URL's query string, validated with messages users can act on.

Pages, the API and Atom feeds read the same parameters, so they parse them here, once. The
OpenAPI document declares each one's form (pattern or allowed values) and this module accepts
exactly that form: a value outside it is a 400 naming the parameter, as are values the form
cannot rule out (an impossible date, a year out of range, a country that is no code). Like every
error of the API, the message names the parameter and what it takes but never repeats the value
sent: a value can be anything, and a page shows the message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Annotated, Any

from fastapi import Depends, Query

from worldbrief.domain import ArticleType
from worldbrief.search.query import SearchQuery, SortOrder

MAX_QUERY_LENGTH = 1_000  # longer than any search a person types; bounds the parser's work
MAX_PAGE = 10_000
MAX_PER_PAGE = 100
MIN_YEAR, MAX_YEAR = 1800, 2200
# A day in MIN_YEAR to MAX_YEAR (the index's dates end in 1677 and 2262), or empty for no bound
# (the search form sends it so).
DAY_PATTERN = r"^((1[89]\d\d|2[01]\d\d|2200)-\d{2}-\d{2})?$"
YEAR_PATTERN = r"^(|1[89]\d\d|2[01]\d\d|2200)$"  # MIN_YEAR to MAX_YEAR, or empty
SORT_VALUES = ["", *(s.value for s in SortOrder)]
TYPE_VALUES = [t.value for t in ArticleType]
_DAY = re.compile(DAY_PATTERN)
_YEAR = re.compile(YEAR_PATTERN)


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
            types=tuple(t.strip().lower() for t in self.type),  # a blank type is a 400
            authors=tuple(a.strip() for a in self.author if a.strip()),
            years=tuple(_year(y) for y in self.year if y),
            date_from=_day(self.date_from, "from", time.min),
            date_to=_day(self.date_to, "to", time.max),
            sort=_sort(self.sort, has_text=bool(self.q.strip())),
            page=max(1, self.page),
            per_page=min(max(1, self.per_page), MAX_PER_PAGE),
        )


def _year(value: str) -> int:
    if not _YEAR.fullmatch(value):
        raise SearchParamError(f"year must be a year from {MIN_YEAR} to {MAX_YEAR} such as 2021")
    return int(value)


def _day(value: str, name: str, clock: time) -> datetime | None:
    if not value:
        return None
    try:
        if not _DAY.fullmatch(value):
            raise ValueError
        day = date.fromisoformat(value)
    except ValueError:
        raise SearchParamError(
            f"'{name}' must be a date as YYYY-MM-DD from {MIN_YEAR} to {MAX_YEAR}"
        ) from None
    return datetime.combine(day, clock, tzinfo=UTC)


def _sort(value: str, *, has_text: bool) -> SortOrder:
    if not value:
        # Without words there is no relevance to rank by; newest first is what readers expect.
        return SortOrder.RELEVANCE if has_text else SortOrder.NEWEST
    try:
        return SortOrder(value)
    except ValueError:
        allowed = ", ".join(s.value for s in SortOrder)
        raise SearchParamError(f"sort must be one of {allowed}") from None


def list_param(description: str, items: dict[str, Any] | None = None) -> Any:
    """A repeatable query parameter (``?country=KZ&country=UZ``) and its OpenAPI form."""
    extra = {"items": {"type": "string", **items}} if items else None
    return Query(default_factory=list, description=description, json_schema_extra=extra)


COUNTRY_DESCRIPTION = (
    "ISO 3166-1 alpha-2 code in use such as KZ (a code no country has is a 400); repeat it for "
    "any of several."
)
REGION_DESCRIPTION = "Region id such as central-asia (see /api/regions); repeatable."
TYPE_DESCRIPTION = "Article type; repeatable. Labels such as `Situation Report` work too."
CountryParam = Annotated[list[str], list_param(COUNTRY_DESCRIPTION)]
RegionParam = Annotated[list[str], list_param(REGION_DESCRIPTION)]
TypeParam = Annotated[list[str], list_param(TYPE_DESCRIPTION, {"enum": TYPE_VALUES})]


def read_search_params(
    *,
    q: Annotated[
        str,
        Query(
            max_length=MAX_QUERY_LENGTH,
            description='Words, "phrases", OR, -exclude, field:value (country:KZ); invalid '
            "syntax is a 400.",
        ),
    ] = "",
    country: CountryParam,
    region: RegionParam,
    type: TypeParam,
    author: Annotated[list[str], list_param("An author's name, any case; repeatable.")],
    year: Annotated[
        list[str],
        list_param(
            f"Year of publication, {MIN_YEAR} to {MAX_YEAR}; repeatable.",
            {"pattern": YEAR_PATTERN},
        ),
    ],
    date_from: Annotated[
        str,
        Query(
            alias="from",
            description="Published on or after this day (YYYY-MM-DD, UTC).",
            json_schema_extra={"pattern": DAY_PATTERN},
        ),
    ] = "",
    date_to: Annotated[
        str,
        Query(
            alias="to",
            description="Published on or before this day (YYYY-MM-DD, UTC).",
            json_schema_extra={"pattern": DAY_PATTERN},
        ),
    ] = "",
    sort: Annotated[
        str,
        Query(
            description="relevance (the default with words), newest (the default without) or "
            "oldest.",
            json_schema_extra={"enum": SORT_VALUES},
        ),
    ] = "",
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page of results, from 1.")] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description="Results per page.")] = 20,
) -> SearchParams:
    """The search parameters of a request's query string (a FastAPI dependency)."""
    return SearchParams(
        q=q,
        country=tuple(country),
        region=tuple(region),
        type=tuple(type),
        author=tuple(author),
        year=tuple(year),
        date_from=date_from,
        date_to=date_to,
        sort=sort,
        page=page,
        per_page=per_page,
    )


SearchParamsDep = Annotated[SearchParams, Depends(read_search_params)]
