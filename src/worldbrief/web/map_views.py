"""What the country and region templates show of maps, timelines and profiles: plain values,
formatted for reading, with the data attributes the page scripts read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from worldbrief.domain.coverage import PlaceCoverage
from worldbrief.services.country_pages import CountryProfile, CountryShare, Timeline
from worldbrief.web.templating import thousands
from worldbrief.web.views import country_url

WORLD_DETAILED = "vendor/world-atlas/countries-50m.json"  # a country's outline
WORLD_SIMPLE = "vendor/world-atlas/countries-110m.json"  # a region's choropleth


@dataclass(frozen=True, slots=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True, slots=True)
class ShareView:
    code: str
    name: str
    url: str
    numeric: str  # three digits, as Natural Earth's TopoJSON ids are written; "" when none
    articles: int


@dataclass(frozen=True, slots=True)
class PeriodLink:
    label: str
    url: str
    current: bool


@dataclass(frozen=True, slots=True)
class WeekRow:
    week: date
    label: str  # "3 Mar 2024"
    articles: int


def numeric_id(value: int | None) -> str:
    return f"{value:03d}" if value is not None else ""


def profile_facts(profile: CountryProfile) -> list[Fact]:
    facts = [Fact("Region", " › ".join(r.name for r in profile.regions) or "—")]
    known = profile.facts
    if known and known.capital:
        facts.append(Fact("Capital", known.capital))
    if known and known.population:
        facts.append(Fact("Population", thousands(known.population)))
    if known and known.area_km2:
        facts.append(Fact("Area", f"{thousands(round(known.area_km2))} km²"))
    return facts


def choropleth_of(shares: list[CountryShare]) -> list[ShareView]:
    """Most covered first, then by name."""
    views = [
        ShareView(
            s.country.code,
            s.country.name,
            country_url(s.country.code),
            numeric_id(s.iso_numeric),
            s.articles,
        )
        for s in shares
    ]
    return sorted(views, key=lambda v: (-v.articles, v.name))


def day_label(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def week_rows(timeline: Timeline) -> list[WeekRow]:
    """The weeks with articles, newest first: the timeline's table without JavaScript."""
    return [
        WeekRow(w.week, day_label(w.week), w.articles)
        for w in reversed(timeline.weeks)
        if w.articles
    ]


def period_links(path: str, timeline: Timeline) -> list[PeriodLink]:
    """The whole record, and the last five years and last year up to the latest article."""
    if timeline.available is None:
        return []
    first, last = timeline.available
    links = [PeriodLink("Whole record", path, False)]
    for label, weeks in (("5 years", 261), ("12 months", 52)):
        start = max(first, last - timedelta(weeks=weeks - 1))
        links.append(PeriodLink(label, f"{path}?from={start}&to={last}", False))
    shown = f"{path}?from={timeline.first}&to={timeline.last}"
    whole = (timeline.first, timeline.last) == (first, last)
    return [
        PeriodLink(link.label, link.url, link.url == shown or (whole and link.url == path))
        for link in links
    ]


def place_rows(places: list[PlaceCoverage], limit: int) -> list[PlaceCoverage]:
    return places[:limit]
