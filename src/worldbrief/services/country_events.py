"""What the country and region pages show of events: the points of the map, weekly counts
stacked by type, the trend readings (docs/trends.md), the actors most active and the latest
events with their evidence. Every read is bounded by the weeks or the number of events shown.

Event type, date, place, actors and counts are metadata shown to everyone; an evidence
sentence is text of its article's body, so it reaches only viewers entitled to that body on
the page (``membership.entitlements``), decided here and nowhere else.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from worldbrief.domain import Span
from worldbrief.domain.events import ActorType
from worldbrief.domain.linked_events import EventFilter, EventParty, LinkedEvent
from worldbrief.domain.trends import MonthlyArrow, SurgeReading, Trend
from worldbrief.geo.country_facts import country_facts
from worldbrief.membership.entitlements import Surface, entitlement
from worldbrief.membership.roles import Viewer
from worldbrief.services.events import EventSource
from worldbrief.services.platform import Platform
from worldbrief.text.characters import clean_text
from worldbrief.trends import MONTH_WEEKS, surge, trend_of, week_of, weekly_series

MAP_EVENTS = 500  # the newest events of a country on its map; the rest are in the API
LATEST_SHOWN = 10
ACTOR_SAMPLE = 100  # actors are counted over this many of the newest events
ACTORS_SHOWN = 10
TREND_WEEKS = 53  # the judged week and the 52 before it: every reading of trends.trend_of
SHARE_WEEKS = 52  # a region's choropleth counts the events of the last year
MAX_WEEKS = 1044


@dataclass(frozen=True, slots=True)
class TypeSeries:
    """Distinct events of one type per week, aligned with the timeline's weeks."""

    type: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True, slots=True)
class EventTimeline:
    first: date  # Monday of the first week
    weeks: int
    series: tuple[TypeSeries, ...]  # most events first

    @property
    def total(self) -> int:
        return sum(s.total for s in self.series)

    def week_total(self, index: int) -> int:
        return sum(s.counts[index] for s in self.series)


@dataclass(frozen=True, slots=True)
class DivisionSurge:
    admin1: str
    reading: SurgeReading


@dataclass(frozen=True, slots=True)
class PlaceTrend:
    """The trend readings of a country (or a region's countries together) for ``week``."""

    week: date  # the Monday of the week judged
    trend: Trend
    divisions: tuple[DivisionSurge, ...]  # surging first, then the busiest; eligible only


@dataclass(frozen=True, slots=True)
class ActiveActor:
    name: str
    type: ActorType | None
    entity_id: str | None
    events: int


@dataclass(frozen=True, slots=True)
class EventWithEvidence:
    """An event and its first source; the source's evidence is None when the viewer may not
    read that article's body."""

    event: LinkedEvent
    source: EventSource | None


@dataclass(frozen=True, slots=True)
class CountryEvents:
    """A country of a region with its events of the year judged and its monthly arrow."""

    code: str
    name: str
    iso_numeric: int | None
    events: int
    arrow: MonthlyArrow | None


def judged_week(today: date) -> date:
    """The last complete week before ``today`` (its Monday): the week the trend rules judge."""
    return week_of(today) - timedelta(weeks=1)


def map_events(platform: Platform, code: str, limit: int = MAP_EVENTS) -> list[LinkedEvent]:
    """The newest placed events of a country, at most ``MAP_EVENTS``."""
    found = platform.site_reads.events.store.latest(
        EventFilter(country=code.upper()), min(limit, MAP_EVENTS)
    )
    return [e for e in found if e.place is not None]


def event_timeline(
    platform: Platform, countries: Sequence[str], first: date, last: date
) -> EventTimeline:
    """Distinct events per week and type of ``countries`` together, from the week of
    ``first`` to the week of ``last`` (at most ``MAX_WEEKS``)."""
    start, end = week_of(first), week_of(last)
    weeks = (end - start).days // 7 + 1
    if weeks < 1 or weeks > MAX_WEEKS:
        raise ValueError(f"a timeline spans 1 to {MAX_WEEKS} weeks, not {weeks}")
    counted = platform.site_reads.events.tallies.type_weeks(start, end, countries)
    by_type: dict[str, list[int]] = {}
    for (event_type, week), n in counted.items():
        by_type.setdefault(event_type, [0] * weeks)[(week - start).days // 7] = n
    series = [TypeSeries(event_type, tuple(counts)) for event_type, counts in by_type.items()]
    series.sort(key=lambda s: (-s.total, s.type))
    return EventTimeline(start, weeks, tuple(series))


WEEKLY_ROWS = 104  # a timeline with at most this many busy weeks is counted week by week;
WEEKLY_SPAN = 52  # otherwise the last year's weeks one by one,
MONTHLY_SPAN = 261  # the weeks of the four years before that by month, older ones by year
_WEEK = timedelta(weeks=1)


@dataclass(frozen=True, slots=True)
class EventPeriods:
    """Distinct events by type over a timeline's weeks, summed by the periods its table
    shows: every week, or, for a long busy record (``collapsed``), the last year's weeks, the
    months of the four years before and the years before those (a week counts in the month
    and year of its Monday)."""

    first: date  # Monday of the first week
    weeks: int
    collapsed: bool
    counts: dict[tuple[str, str], int]  # (type, period stamp) -> events
    types: tuple[tuple[str, int], ...]  # each type with its events over the timeline, most first

    @property
    def total(self) -> int:
        return sum(n for _, n in self.types)

    def stamp(self, index: int) -> str:
        """The period of week ``index`` (0 is the first): ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``."""
        week = self.first + timedelta(weeks=index)
        age = self.weeks - 1 - index
        if not self.collapsed or age < WEEKLY_SPAN:
            return week.isoformat()
        if age < MONTHLY_SPAN:
            return f"{week:%Y-%m}"
        return f"{week:%Y}"

    def runs(self) -> list[tuple[str, int, int]]:
        """The periods newest first, each as (stamp, index of its first week, index past its
        last): what ``stamp`` gives every week, grouped, with one date step per week and one
        stamp formatted per period (a page shows 500 weeks in about a hundred periods)."""
        runs: list[tuple[str, int, int]] = []
        week = self.first + timedelta(weeks=self.weeks - 1)
        key: object = None
        for age in range(self.weeks):
            i = self.weeks - 1 - age
            if not self.collapsed or age < WEEKLY_SPAN:
                runs.append((week.isoformat(), i, i + 1))
                key = None
            else:
                # The month (or year) of the week's Monday, as ``stamp`` words it.
                now = (week.year, week.month) if age < MONTHLY_SPAN else week.year
                if now == key:
                    stamp, _, end = runs[-1]
                    runs[-1] = (stamp, i, end)
                else:
                    runs.append((self.stamp(i), i, i + 1))
                    key = now
            if i:  # never a step before the first week (it may be the first date there is)
                week -= _WEEK
        return runs


def event_periods(
    platform: Platform,
    countries: Sequence[str],
    first: date,
    last: date,
    article_weeks: int = 0,
) -> EventPeriods:
    """Distinct events of ``countries`` together by type and period, from the week of
    ``first`` to the week of ``last``: collapsed when more than ``WEEKLY_ROWS`` weeks have
    events, or more than that have articles (``article_weeks``). One read of the tallies
    summed by period: bounded by the periods, not by the weeks or events."""
    start, end = week_of(first), week_of(last)
    weeks = (end - start).days // 7 + 1
    if weeks < 1 or weeks > MAX_WEEKS:
        raise ValueError(f"a timeline spans 1 to {MAX_WEEKS} weeks, not {weeks}")
    tallies = platform.site_reads.events.tallies
    weekly_from = end - timedelta(weeks=WEEKLY_SPAN - 1)
    monthly_from = end - timedelta(weeks=MONTHLY_SPAN - 1)
    if weeks <= WEEKLY_ROWS:
        counts, busy = tallies.type_periods(start, end, countries, start, start)
    else:
        counts, busy = tallies.type_periods(start, end, countries, weekly_from, monthly_from)
    collapsed = max(busy, article_weeks) > WEEKLY_ROWS
    if not collapsed and weeks > WEEKLY_ROWS:  # few busy weeks in a long record: every week
        counts, busy = tallies.type_periods(start, end, countries, start, start)
    per_type: Counter[str] = Counter()
    for (kind, _), n in counts.items():
        per_type[kind] += n
    types = tuple(sorted(per_type.items(), key=lambda kv: (-kv[1], kv[0])))
    return EventPeriods(start, weeks, collapsed, counts, types)


def country_trend(platform: Platform, code: str, week: date) -> PlaceTrend:
    """The readings for ``week`` of a country, with the surge reading of each first-level
    division that averaged at least one event a week over the month before."""
    end = week_of(week)
    tallies = platform.site_reads.events.tallies
    counted = tallies.country_weeks(end - timedelta(weeks=TREND_WEEKS - 1), end, [code])
    trend = trend_of(weekly_series({w: n for (_, w), n in counted.items()}, end, TREND_WEEKS))
    divisions = tallies.division_weeks(code, end - timedelta(weeks=MONTH_WEEKS), end)
    return PlaceTrend(end, trend, _surges(divisions, end))


def region_trend(platform: Platform, countries: Sequence[str], week: date) -> PlaceTrend:
    """The readings for ``week`` of a region's countries counted together."""
    end = week_of(week)
    counted = platform.site_reads.events.tallies.country_weeks(
        end - timedelta(weeks=TREND_WEEKS - 1), end, countries
    )
    summed: Counter[date] = Counter()
    for (_, w), n in counted.items():
        summed[w] += n
    return PlaceTrend(end, trend_of(weekly_series(summed, end, TREND_WEEKS)), ())


def country_arrows(
    platform: Platform, countries: Sequence[str] | None, week: date
) -> dict[str, tuple[int, Trend]]:
    """For each country (all with events when None): its events over the year ending with
    ``week`` and the trend readings for that week, from one read of weekly counts."""
    end = week_of(week)
    counted = platform.site_reads.events.tallies.country_weeks(
        end - timedelta(weeks=TREND_WEEKS - 1), end, countries
    )
    per_country: dict[str, dict[date, int]] = {}
    for (code, w), n in counted.items():
        per_country.setdefault(code, {})[w] = n
    codes = countries if countries is not None else sorted(per_country)
    readings = {}
    for code in codes:
        series = weekly_series(per_country.get(code, {}), end, TREND_WEEKS)
        readings[code] = (sum(series[-SHARE_WEEKS:]), trend_of(series))
    return readings


def region_event_shares(platform: Platform, region_id: str, week: date) -> list[CountryEvents]:
    """Every country of ``region_id`` with its events of the year judged and its arrow."""
    countries = platform.taxonomy.countries_in(region_id)
    readings = country_arrows(platform, [c.code for c in countries], week)
    shares = []
    for country in countries:
        facts = country_facts(country.code)
        events, trend = readings[country.code]
        # A country without events all year has no direction to show, only a zero.
        arrow = trend.monthly.arrow if trend.monthly and events else None
        shares.append(
            CountryEvents(
                country.code, country.name, facts.iso_numeric if facts else None, events, arrow
            )
        )
    return shares


def latest_events_of(
    platform: Platform, countries: Sequence[str], limit: int = LATEST_SHOWN
) -> list[LinkedEvent]:
    """The newest dated events of ``countries`` together (``limit`` read from each)."""
    return platform.site_reads.events.tallies.latest_of(countries, min(limit, ACTOR_SAMPLE))


def active_actors(
    platform: Platform, countries: Sequence[str], limit: int = ACTORS_SHOWN
) -> tuple[list[ActiveActor], int]:
    """The actors named in most of the ``ACTOR_SAMPLE`` newest events of ``countries``: a
    known entity by its id, any other by its name, case aside; each counted once an event.
    Also how many events were read."""
    sampled = platform.site_reads.events.tallies.latest_actors(countries, ACTOR_SAMPLE)
    return most_named(sampled, limit), len(sampled)


def most_named(
    events: Sequence[Sequence[EventParty]], limit: int = ACTORS_SHOWN
) -> list[ActiveActor]:
    counted: Counter[str] = Counter()
    names: dict[str, Counter[str]] = {}
    kinds: dict[str, ActorType | None] = {}
    entities: dict[str, str | None] = {}
    for actors in events:
        seen = set()
        for actor in actors:
            key = f"id:{actor.entity_id}" if actor.entity_id else f"name:{actor.name.casefold()}"
            if key in seen:
                continue
            seen.add(key)
            counted[key] += 1
            names.setdefault(key, Counter())[actor.name] += 1
            kinds.setdefault(key, actor.type)
            entities[key] = actor.entity_id
    ranked = sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [ActiveActor(names[k].most_common(1)[0][0], kinds[k], entities[k], n) for k, n in ranked]


def with_evidence(
    platform: Platform, shown: Sequence[LinkedEvent], viewer: Viewer
) -> list[EventWithEvidence]:
    """Each event with its first source; the evidence only where the viewer may read the
    source's body on a page. Bodies are read only for those sources, and only their text."""
    firsts = platform.site_reads.events.tallies.first_reports([e.id for e in shown])
    wanted = sorted({r.article_id for r in firsts.values()})
    headlines = {h.id: h for h in platform.site_reads.headlines(wanted)}
    readable = [
        i for i, h in headlines.items() if entitlement(viewer, h.access, Surface.PAGE).full_text
    ]
    texts = platform.site_reads.stored_texts(readable) if readable else {}
    result = []
    for event in shown:
        report = firsts.get(event.id)
        headline = headlines.get(report.article_id) if report else None
        if report is None or headline is None:
            result.append(EventWithEvidence(event, None))
            continue
        text = texts.get(headline.id)
        evidence: tuple[Span, ...] | None = report.evidence if text is not None else None
        result.append(
            EventWithEvidence(
                event,
                EventSource(
                    article_id=headline.id,
                    title=clean_text(headline.title),
                    published_at=report.published_at,
                    access=headline.access,
                    locked=text is None,
                    evidence=evidence,
                    sentences=(
                        tuple(clean_text(text.plain_text[s.start : s.end]) for s in evidence)
                        if text is not None and evidence is not None
                        else None
                    ),
                    date_text=report.date_text,
                    fatalities=report.fatalities,
                ),
            )
        )
    return result


def _surges(divisions: dict[tuple[str, date], int], end: date) -> tuple[DivisionSurge, ...]:
    per_division: dict[str, dict[date, int]] = {}
    for (admin1, w), n in divisions.items():
        per_division.setdefault(admin1, {})[w] = n
    readings = []
    for admin1, counts in per_division.items():
        series = weekly_series(counts, end, MONTH_WEEKS + 1)
        reading = surge(series[-1], series[:-1])
        if reading.eligible:
            readings.append(DivisionSurge(admin1, reading))
    readings.sort(key=lambda d: (not d.reading.surge, -d.reading.current, d.admin1))
    return tuple(readings)
