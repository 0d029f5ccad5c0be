"""The JSON API's public shapes (``...Public`` out, ``...Create`` in), and their builders."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, Field

from worldbrief.domain import (
    AccessLevel,
    Article,
    ArticleType,
    BodyFormat,
    CountryMention,
    PlaceMention,
    RegionMention,
)
from worldbrief.domain.listed_article import ListedArticle
from worldbrief.geo.regions import RegionTaxonomy
from worldbrief.membership.entitlements import Entitlement
from worldbrief.search.highlight import plain_snippet
from worldbrief.search.query import Facet, SearchHit
from worldbrief.web.views import article_url

_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}([Tt ].*)?", re.DOTALL)
# Scheme, a host, no white space; the host's syntax and the length in bytes are checked after.
HTTP_URL_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+([/?#]\S*)?$"
MAX_URL_LENGTH = 2_048


def _date_time_text(value: object) -> object:
    """ISO 8601 text only: pydantic alone would take a number for a Unix timestamp."""
    if not isinstance(value, str) or not _DATE_TIME.fullmatch(value):
        raise ValueError("must be an ISO 8601 date-time as text, e.g. 2024-05-01T08:00:00Z")
    return value


DateTimeText = Annotated[datetime, BeforeValidator(_date_time_text)]
HttpUrlText = Annotated[
    str, Field(max_length=MAX_URL_LENGTH, pattern=HTTP_URL_PATTERN, description="An http(s) URL.")
]


class AuthorPublic(BaseModel):
    name: str
    role: str | None = None


class CountryRef(BaseModel):
    code: str
    name: str
    score: float
    focus: bool
    evidence: list[list[int]] | None = Field(
        default=None, description="Character spans in `text`; only when the body is readable."
    )
    primary: bool = Field(
        default=False, description="True for the one focus country the article is most about."
    )


class RegionRef(BaseModel):
    id: str
    name: str


class SourcePublic(BaseModel):
    name: str | None = None
    url: str | None = None
    feed_url: str | None = None


class ArticleSummary(BaseModel):
    id: str
    url: str = Field(description="The article's page, an absolute URL under the site's base URL.")
    type: ArticleType
    title: str
    teaser: str
    published_at: datetime
    updated_at: datetime | None = None
    authors: list[AuthorPublic]
    countries: list[CountryRef]
    regions: list[RegionRef]
    reading_minutes: int
    access: AccessLevel
    source: SourcePublic


class PlacePublic(BaseModel):
    start: int
    end: int
    text: str
    name: str
    geonameid: int | None
    lat: float
    lon: float
    country: str
    admin1: str | None
    feature: str


class ArticlePublic(ArticleSummary):
    locked: bool = Field(description="True when the body is withheld (members-only article).")
    body: str | None = Field(description="The body in `body_format`; null when locked.")
    body_html: str | None = Field(description="Sanitised HTML of the body; null when locked.")
    body_format: BodyFormat
    text: str | None = Field(description="Plain text that evidence offsets point into.")
    media_url: str | None = None
    language: str | None = None
    places: list[PlacePublic] | None = None
    duplicate_of: str | None = None


class ArticleList(BaseModel):
    total: int | None = Field(
        description="Every article the filters match, when the site keeps that count (no "
        "filter, or one country, one region, one type or one access level alone); else null."
    )
    limit: int
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next, older page; null on the last page."
    )
    prev_cursor: str | None = Field(
        description="Pass as `cursor` for the previous, newer page; null on the first page."
    )
    articles: list[ArticleSummary]


class SnippetPublic(BaseModel):
    text: str = Field(description="Plain text, without markup or HTML entities.")
    highlights: list[list[int]] = Field(
        description="`[start, end)` offsets in `text` (Unicode code points) of the matched words."
    )


class SearchHitPublic(BaseModel):
    id: str
    url: str = Field(description="The article's page, an absolute URL.")
    title: str
    snippet: SnippetPublic = Field(
        description="The passage that matched: of the body when the caller may read it, else "
        "of the teaser."
    )
    snippet_html: str = Field(
        description="The same passage as HTML: escaped text with `<mark>` around matched words."
    )
    published_at: datetime
    type: str
    access: str
    countries: list[str]
    regions: list[str]
    authors: list[str]
    score: float


class FacetValue(BaseModel):
    value: str = Field(description="What to pass back as the filter: a code, id or name.")
    name: str = Field(
        description="What to show: the country's or region's name, the type's label; for "
        "authors and years, the value itself."
    )
    count: int = Field(description="Matching articles with this value.")


class SearchResponse(BaseModel):
    total: int
    page: int
    per_page: int
    hits: list[SearchHitPublic]
    facets: dict[str, list[FacetValue]]


class CountryCount(BaseModel):
    code: str
    name: str
    article_count: int


class RegionPublic(BaseModel):
    id: str
    name: str
    parent_id: str | None
    article_count: int
    children: list[RegionPublic] = []
    countries: list[CountryCount] = []


class CountryPublic(BaseModel):
    code: str
    name: str
    regions: list[RegionRef]
    article_count: int
    latest: list[ArticleSummary]


class ArticleCreate(BaseModel):
    """What the site stores is checked as any ingested record is (see docs/ingest.md): a value
    JSON Schema cannot judge (a date out of range, a host name no resolver accepts, a body
    whose text is empty once rendered) is a 422 naming the field."""

    title: str = Field(min_length=1, max_length=500, description="Must hold a visible character.")
    body: str = Field(min_length=1, description="In `body_format`; at most the document limit.")
    body_format: BodyFormat = Field(
        default=BodyFormat.MARKDOWN, description="How `body` is written: markdown, html or text."
    )
    type: ArticleType = Field(default=ArticleType.ANALYSIS, description="The kind of piece.")
    teaser: str | None = Field(default=None, description="Default: the body's first sentences.")
    authors: list[AuthorPublic] = Field(
        default=[], description="Bylines, each a name and an optional role."
    )
    published_at: DateTimeText | None = Field(
        default=None,
        description="ISO 8601, 1700-01-01 to 2199-12-31; UTC without an offset; default: now.",
    )
    access: AccessLevel = Field(
        default=AccessLevel.FREE, description="`free`, or `members` for members only."
    )
    media_url: HttpUrlText | None = Field(default=None, description="A video or audio file.")
    url: HttpUrlText | None = Field(default=None, description="The article's original page.")
    id: str | None = Field(default=None, description="Your stable id; resubmitting it updates.")


WriteStatus = Literal["created", "updated", "unchanged", "duplicate"]


class ArticleCreated(BaseModel):
    id: str
    status: WriteStatus
    url: str = Field(description="The article's page, an absolute URL.")


def absolute_article_url(site_url: str, article_id: str, title: str) -> str:
    """An article's page under ``site_url`` (the ``base_url`` setting): API answers are read
    away from the site, and a shared kept answer must not depend on who asked (Host)."""
    return site_url.rstrip("/") + article_url(article_id, title)


def public_of(
    article: Article, allowed: Entitlement, body_html: str, site_url: str
) -> ArticlePublic:
    full = allowed.full_text
    fields = _summary_fields(article, site_url, with_evidence=full)
    return ArticlePublic(
        **fields,
        locked=not full,
        body=article.body if full else None,
        body_html=body_html if full else None,
        body_format=article.body_format,
        text=article.plain_text if full else None,
        media_url=article.media_url,
        language=article.enrichment.language,
        places=[PlacePublic(**_place(p)) for p in article.enrichment.places] if full else None,
        duplicate_of=article.duplicate_of,
    )


def hit_of(hit: SearchHit, site_url: str) -> SearchHitPublic:
    snippet = plain_snippet(hit.snippet_html)
    return SearchHitPublic(
        id=hit.article_id,
        url=absolute_article_url(site_url, hit.article_id, hit.title),
        title=hit.title,
        snippet=SnippetPublic(
            text=snippet.text, highlights=[list(span) for span in snippet.highlights]
        ),
        snippet_html=hit.snippet_html,
        published_at=hit.published_at,
        type=hit.type,
        access=hit.access,
        countries=list(hit.countries),
        regions=list(hit.regions),
        authors=list(hit.authors),
        score=hit.score,
    )


def facet_name(taxonomy: RegionTaxonomy, facet: Facet, value: str) -> str:
    """The name a reader knows a facet value by (the value itself when there is none)."""
    if facet is Facet.COUNTRY and (country := taxonomy.find_country(value)):
        return country.name
    if facet is Facet.REGION and (region := taxonomy.find_region(value)):
        return region.name
    if facet is Facet.TYPE:
        try:
            return ArticleType(value).label
        except ValueError:
            return value
    return value


def listed_summary_of(article: ListedArticle, site_url: str) -> ArticleSummary:
    """An article of a list: the fields ``public_of`` shows of every article, from what a
    list reads of it (no body, places or evidence)."""
    return ArticleSummary(
        **_fields(article, article.countries, article.regions, article.reading_minutes, site_url)
    )


def _summary_fields(article: Article, site_url: str, with_evidence: bool = False) -> dict[str, Any]:
    e = article.enrichment
    return _fields(article, e.countries, e.regions, e.reading_minutes, site_url, with_evidence)


def _fields(
    article: Article | ListedArticle,
    countries: Sequence[CountryMention],
    regions: Sequence[RegionMention],
    reading_minutes: int,
    site_url: str,
    with_evidence: bool = False,
) -> dict[str, Any]:
    return {
        "id": article.id,
        "url": absolute_article_url(site_url, article.id, article.title),
        "type": article.type,
        "title": article.title,
        "teaser": article.teaser,
        "published_at": article.published_at,
        "updated_at": article.updated_at,
        "authors": [AuthorPublic(name=a.name, role=a.role) for a in article.authors],
        "countries": [
            CountryRef(
                code=c.code,
                name=c.name,
                score=round(c.score, 4),
                focus=c.focus,
                evidence=[s.as_list() for s in c.evidence] if with_evidence else None,
                primary=c.primary,
            )
            for c in countries
        ],
        "regions": [RegionRef(id=r.id, name=r.name) for r in regions],
        "reading_minutes": reading_minutes,
        "access": article.access,
        "source": SourcePublic(
            name=article.source.name, url=article.source.url, feed_url=article.source.feed_url
        ),
    }


def _place(place: PlaceMention) -> dict[str, Any]:
    names = (
        "start",
        "end",
        "text",
        "name",
        "geonameid",
        "lat",
        "lon",
        "country",
        "admin1",
        "feature",
    )
    return {name: getattr(place, name) for name in names}
