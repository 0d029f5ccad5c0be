"""Use cases of the country and region pages beyond their listings: the profile, the places
for the map and the weekly timeline. Each reads kept counts over a bounded range."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from worldbrief.domain import Country, Region
from worldbrief.domain.country_facts import CountryFacts
from worldbrief.domain.coverage import PlaceCoverage, WeekCount
from worldbrief.domain.listing import ArticleHeadline
from worldbrief.geo.country_facts import country_facts
from worldbrief.services.platform import Platform
from worldbrief.trends import week_of, weekly_series

MAX_TIMELINE_WEEKS = 1044  # twenty years of weekly bars; a longer period is refused
MAX_MAP_PLACES = 500  # the most named places of a country; the rest are in its listing
PLACE_ARTICLES = 10


class PeriodError(ValueError):
    """A timeline period that is backwards or longer than ``MAX_TIMELINE_WEEKS``."""


@dataclass(frozen=True, slots=True)
class CountryProfile:
    country: Country
    regions: tuple[Region, ...]  # broadest first
    facts: CountryFacts | None


@dataclass(frozen=True, slots=True)
class Timeline:
    """Articles per week over ``first``..``last`` (Mondays), every week there, zeros included;
    ``available`` is the first and last week with any article about the country."""

    code: str
    first: date
    last: date
    weeks: tuple[WeekCount, ...]
    available: tuple[date, date] | None

    @property
    def total(self) -> int:
        return sum(w.articles for w in self.weeks)


@dataclass(frozen=True, slots=True)
class CountryShare:
    """A country of a region and the articles about it, for the region's choropleth."""

    country: Country
    iso_numeric: int | None  # Natural Earth's id of the country in the world map
    articles: int


def region_shares(platform: Platform, region_id: str) -> list[CountryShare]:
    """Every country of ``region_id`` (at any depth) with its kept article count."""
    counted = platform.site_reads.country_counts()
    shares = []
    for country in platform.taxonomy.countries_in(region_id):
        facts = country_facts(country.code)
        numeric = facts.iso_numeric if facts else None
        shares.append(CountryShare(country, numeric, counted.get(country.code, 0)))
    return shares


def country_profile(platform: Platform, country: Country) -> CountryProfile:
    return CountryProfile(
        country, platform.taxonomy.regions_for(country.code), country_facts(country.code)
    )


def country_timeline(
    platform: Platform, code: str, first: date | None = None, last: date | None = None
) -> Timeline:
    """Weekly articles about ``code`` from the week of ``first`` to the week of ``last``.
    Without them: every week from the first with an article to the last, at most the last
    ``MAX_TIMELINE_WEEKS``; with one end only, the other is taken from what is stored."""
    available = platform.site_reads.country_week_range(code)
    end = week_of(last) if last else (available[1] if available else week_of(date.today()))
    if first:
        start = week_of(first)
    else:
        span = timedelta(weeks=MAX_TIMELINE_WEEKS - 1)
        earliest = end - span if end - date.min >= span else date.min
        start = max(available[0], earliest) if available else end
        start = min(start, end)
    if start > end:
        raise PeriodError("the period starts after it ends")
    count = (end - start).days // 7 + 1
    if count > MAX_TIMELINE_WEEKS:
        raise PeriodError(f"the period spans {count} weeks; at most {MAX_TIMELINE_WEEKS}")
    kept = {w.week: w.articles for w in platform.site_reads.country_weeks(code, start, end)}
    series = weekly_series(kept, end, count)
    weeks = tuple(WeekCount(start + timedelta(weeks=i), n) for i, n in enumerate(series))
    return Timeline(code, start, end, weeks, available)


def country_places(
    platform: Platform, code: str, limit: int = MAX_MAP_PLACES
) -> list[PlaceCoverage]:
    return platform.site_reads.country_places(code, min(limit, MAX_MAP_PLACES))


def place_articles(
    platform: Platform, code: str, place_key: str, limit: int = PLACE_ARTICLES
) -> list[ArticleHeadline]:
    """The newest articles naming a place, as lists show them (no bodies)."""
    ids = platform.site_reads.place_article_ids(code, place_key, limit)
    return platform.site_reads.headlines(ids)
