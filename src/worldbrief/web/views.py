"""View models for the web pages: typed, frozen, built by pure functions from domain objects.

Templates only read these; every decision about wording, URLs and dates is made here so that it can
be tested without rendering anything.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Literal
from urllib.parse import quote

from slugify import slugify as python_slugify

from worldbrief.domain import AccessLevel, Article, Author, Span
from worldbrief.domain.account import STAFF_ROLES, Role
from worldbrief.domain.listing import ArticleHeadline, ListingCursor, ListingPage
from worldbrief.text.urls import safe_http_url

ChipKind = Literal["country", "region"]
MediaKind = Literal["video", "audio"]

# Month names are spelled out here so the dateline never depends on the server's locale.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_AUDIO_SUFFIXES = (".mp3", ".m4a", ".aac", ".oga", ".ogg", ".opus", ".wav", ".flac")
_SLUG_MAX = 80
SITE_STATIC_PATH = "/static/"  # where the site serves its own files (web.templating)
# Pages shown on each side of the current one before the links collapse into a gap.
_PAGE_WINDOW = 2
# A sentence ends at . ! or ? (closing quotes may follow) before a space, or at a line break.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n+")
_MAX_EVIDENCE_SENTENCES = 12  # per country chip; enough to show where, small enough to ship


# --- formatting ----------------------------------------------------------------------------------


def _as_utc(dt: datetime) -> datetime:
    """A naive datetime is taken to be UTC already, as the domain stores it."""
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def dateline(dt: datetime) -> str:
    """``Dec 20, 2011 | 19:28 GMT``: the publication's dateline, always in UTC."""
    utc = _as_utc(dt)
    return f"{_MONTHS[utc.month - 1]} {utc.day}, {utc.year} | {utc:%H:%M} GMT"


def iso_timestamp(dt: datetime) -> str:
    """The machine-readable form for ``<time datetime>``: ISO 8601 in UTC with a ``Z``."""
    return _as_utc(dt).strftime("%Y-%m-%dT%H:%M:%SZ")


def reading_label(minutes: int) -> str:
    """``1 MIN READ``, ``4 MINS READ``; anything under a minute reads as one."""
    count = max(1, minutes)
    return f"{count} MIN READ" if count == 1 else f"{count} MINS READ"


def join_names(names: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    if len(names) <= 2:
        return " and ".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def slugify(title: str) -> str:
    """A lower-case ASCII slug, transliterated ("Suwałki" -> ``suwalki``, dashes of any kind
    part words), cut at a word boundary; ``article`` when nothing is left.

    Slugs are only derived when a link is rendered; an article is found by its id, and any
    other slug redirects to this one, so a change in transliteration breaks no old link."""
    return python_slugify(title, max_length=_SLUG_MAX, word_boundary=True) or "article"


def membership_summary(role: Role, plan_name: str | None, member_until: datetime | None) -> str:
    """What a reader has, in plain words: ``Monthly, until 2027-01-03``, ``Free account``, or
    for staff ``Editor: reads everything``."""
    if plan_name and member_until:
        return f"{plan_name}, until {_as_utc(member_until):%Y-%m-%d}"
    if role in STAFF_ROLES:
        return f"{role.value.capitalize()}: reads everything"
    return "Free account"


# --- URLs ----------------------------------------------------------------------------------------


def article_url(article_id: str, title: str) -> str:
    return f"/articles/{quote(article_id, safe='')}/{slugify(title)}"


def country_url(code: str) -> str:
    return f"/countries/{quote(code.strip().lower(), safe='')}"


def region_url(region_id: str) -> str:
    return f"/regions/{quote(region_id.strip(), safe='')}"


# --- chips and cards -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Chip:
    """A link to a country or region page; ``count`` is its number of articles where shown."""

    label: str
    url: str
    kind: ChipKind
    key: str  # ISO code for a country, taxonomy id for a region
    count: int | None = None
    # The body sentences behind a country (its evidence), only for readers entitled to the body.
    evidence: tuple[str, ...] = ()


def country_chip(code: str, name: str, count: int | None = None) -> Chip:
    return Chip(label=name, url=country_url(code), kind="country", key=code.upper(), count=count)


def region_chip(region_id: str, name: str, count: int | None = None) -> Chip:
    return Chip(label=name, url=region_url(region_id), kind="region", key=region_id, count=count)


@dataclass(frozen=True, slots=True)
class ArticleCard:
    """What a list, a lead story or a related-content block shows of one article."""

    id: str
    url: str
    type_value: str
    type_label: str
    title: str
    teaser: str
    dateline: str
    iso_date: str
    reading_label: str
    byline: str
    countries: tuple[Chip, ...]
    members_only: bool


Listed = Article | ArticleHeadline  # a whole article, or what a list reads of one


def _focus_country_chips(article: Listed) -> tuple[Chip, ...]:
    focus = (
        article.enrichment.focus_countries
        if isinstance(article, Article)
        else article.focus_countries
    )
    seen: set[str] = set()
    chips: list[Chip] = []
    for mention in focus:
        if mention.code.upper() not in seen:
            seen.add(mention.code.upper())
            chips.append(country_chip(mention.code, mention.name))
    return tuple(chips)


def card_for(article: Listed) -> ArticleCard:
    minutes = (
        article.enrichment.reading_minutes
        if isinstance(article, Article)
        else article.reading_minutes
    )
    return ArticleCard(
        id=article.id,
        url=article_url(article.id, article.title),
        type_value=article.type.value,
        type_label=article.type.label,
        title=article.title,
        teaser=article.teaser,
        dateline=dateline(article.published_at),
        iso_date=iso_timestamp(article.published_at),
        reading_label=reading_label(minutes),
        byline=join_names([a.name for a in article.authors]),
        countries=_focus_country_chips(article),
        members_only=article.access is AccessLevel.MEMBERS,
    )


# --- the article page ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleView:
    """The article page. ``body_html`` is sanitised already and empty when ``locked``;
    ``media_url`` and ``source_url`` are absolute http(s) URLs or None, never another scheme;
    ``media_url`` may also be a root-relative ``/static/`` path, the site's own file."""

    card: ArticleCard
    authors: tuple[Author, ...]
    body_html: str
    locked: bool
    media_url: str | None
    media_kind: MediaKind | None
    updated_dateline: str | None
    source_name: str | None
    source_url: str | None
    region_chips: tuple[Chip, ...]
    country_chips: tuple[Chip, ...]
    connected: tuple[ArticleCard, ...]
    duplicates: tuple[ArticleCard, ...] = ()


def site_relative(url: str | None, site_url: str | None) -> str | None:
    """``url`` as a root-relative path when it is one of the site's own static files under
    ``site_url``: the demo's clip then plays on whatever host and port serve the page."""
    if not url or not site_url:
        return url
    prefix = site_url.rstrip("/") + SITE_STATIC_PATH
    return url[len(prefix) - len(SITE_STATIC_PATH) :] if url.startswith(prefix) else url


def media_kind(media_url: str | None) -> MediaKind | None:
    """Audio when the file name says so; any other media is played as video."""
    if not media_url:
        return None
    path = media_url.split("?", 1)[0].split("#", 1)[0].lower()
    return "audio" if path.endswith(_AUDIO_SUFFIXES) else "video"


def _updated_dateline(article: Article) -> str | None:
    """Shown only when the update falls on a different minute than publication."""
    if article.updated_at is None:
        return None
    updated = dateline(article.updated_at)
    return None if updated == dateline(article.published_at) else updated


def article_view(
    article: Article,
    *,
    body_html: str,
    locked: bool,
    connected: Sequence[Listed],
    duplicates: Sequence[Listed] = (),
    with_evidence: bool = False,
    site_url: str | None = None,
) -> ArticleView:
    """``site_url`` is the site's ``base_url``: media among its own static files is linked
    root-relative. ``with_evidence`` puts each focus country's evidence sentences on its chip;
    pass the entitlement's ``full_text`` so that a locked body never leaks through them."""
    card = card_for(article)
    media_url = safe_http_url(article.media_url)  # stored before the ingest rule, maybe hostile
    media_url = site_relative(media_url, site_url)
    country_chips = card.countries
    if with_evidence and not locked:
        country_chips = _chips_with_evidence(article, country_chips)
    regions: dict[str, Chip] = {}
    for region in article.enrichment.regions:
        regions.setdefault(region.id, region_chip(region.id, region.name))
    return ArticleView(
        card=card,
        authors=article.authors,
        body_html="" if locked else body_html,
        locked=locked,
        media_url=media_url,
        media_kind=media_kind(media_url),
        updated_dateline=_updated_dateline(article),
        source_name=article.source.name,
        source_url=safe_http_url(article.source.url),
        region_chips=tuple(regions.values()),
        country_chips=country_chips,
        connected=tuple(card_for(a) for a in connected if a.id != article.id),
        duplicates=tuple(card_for(a) for a in duplicates if a.id != article.id),
    )


def _chips_with_evidence(article: Article, chips: tuple[Chip, ...]) -> tuple[Chip, ...]:
    text, title = article.plain_text, article.title.strip()
    body_start = len(title) if title and text.startswith(title) else 0
    spans: dict[str, list[Span]] = {}
    for mention in article.enrichment.focus_countries:
        spans.setdefault(mention.code.upper(), []).extend(mention.evidence)
    return tuple(
        replace(chip, evidence=evidence_sentences(text, spans.get(chip.key, ()), body_start))
        for chip in chips
    )


def evidence_sentences(text: str, spans: Sequence[Span], body_start: int = 0) -> tuple[str, ...]:
    """The sentences of ``text`` that hold the spans, in text order, each once; spans before
    ``body_start`` (the title, which the body does not repeat) are left out."""
    starts, ends = _sentence_bounds(text)
    chosen: set[tuple[int, int]] = set()
    for span in spans:
        if span.start < body_start or span.end > len(text) or not starts:
            continue
        first = max(bisect_right(starts, span.start) - 1, 0)
        last = max(bisect_right(starts, max(span.end - 1, span.start)) - 1, first)
        chosen.add((starts[first], ends[last]))
    ordered = sorted(chosen)[:_MAX_EVIDENCE_SENTENCES]
    return tuple(sentence for a, b in ordered if (sentence := text[a:b].strip()))


def _sentence_bounds(text: str) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for match in _SENTENCE_BREAK.finditer(text):
        if match.start() > position:
            starts.append(position)
            ends.append(match.start())
        position = match.end()
    if position < len(text):
        starts.append(position)
        ends.append(len(text))
    return starts, ends


# --- lists, trees, facets and search -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pagination:
    """``links`` holds (page number, URL, is current); a jump between numbers is a gap to show."""

    page: int
    pages: int
    prev_url: str | None
    next_url: str | None
    links: tuple[tuple[int, str, bool], ...]


def paginate(
    page: int, per_page: int, total: int, url_for_page: Callable[[int], str]
) -> Pagination:
    """Pages around the current one plus the first and last; ``page`` is clamped into range."""
    if per_page < 1:
        raise ValueError(f"per_page must be at least 1, got {per_page}")
    if total < 0:
        raise ValueError(f"total must not be negative, got {total}")
    pages = max(1, math.ceil(total / per_page))
    current = min(max(page, 1), pages)
    shown = {1, pages, *range(current - _PAGE_WINDOW, current + _PAGE_WINDOW + 1)}
    numbers = sorted(n for n in shown if 1 <= n <= pages)
    return Pagination(
        page=current,
        pages=pages,
        prev_url=url_for_page(current - 1) if current > 1 else None,
        next_url=url_for_page(current + 1) if current < pages else None,
        links=tuple((n, url_for_page(n), n == current) for n in numbers),
    )


@dataclass(frozen=True, slots=True)
class CursorPagination:
    """Links of a newest-first listing: ``newer_url``/``older_url`` are the neighbouring pages,
    ``newest_url`` the first page when this is not it; ``total`` is every article listed."""

    newer_url: str | None
    older_url: str | None
    newest_url: str | None
    total: int | None

    @property
    def shown(self) -> bool:
        return bool(self.newer_url or self.older_url)


def cursor_pagination(page: ListingPage, base_url: str, total: int | None) -> CursorPagination:
    """``base_url`` is the listing's own URL without a query string."""

    def url(cursor: ListingCursor | None) -> str | None:
        return f"{base_url}?cursor={cursor.encode()}" if cursor is not None else None

    return CursorPagination(
        newer_url=url(page.newer),
        older_url=url(page.older),
        newest_url=base_url if page.newer is not None else None,
        total=total,
    )


@dataclass(frozen=True, slots=True)
class RegionNode:
    """A region with its sub-regions and countries; every ``Chip.count`` is an article count."""

    chip: Chip
    children: tuple[RegionNode, ...] = ()
    countries: tuple[Chip, ...] = ()


@dataclass(frozen=True, slots=True)
class FacetOption:
    """One filter value; ``url`` is the current search with this value toggled."""

    label: str
    count: int
    selected: bool
    url: str


@dataclass(frozen=True, slots=True)
class FacetGroup:
    key: str
    label: str
    options: tuple[FacetOption, ...]

    @property
    def any_selected(self) -> bool:
        return any(option.selected for option in self.options)


@dataclass(frozen=True, slots=True)
class SearchHitView:
    """A search result. ``snippet_html`` and ``title_html`` are escaped text with ``<mark>``;
    an empty ``title_html`` means the plain ``card.title`` is shown."""

    card: ArticleCard
    snippet_html: str
    title_html: str = ""
