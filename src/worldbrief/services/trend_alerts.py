"""Trend signals of followed places as alerts: a large increase (the week against the 4 before),
a surge (a division's week at least double the month's average) or a monthly deterioration,
from the rules of ``trends`` over the kept weekly tallies, judged on the last complete week.

Each place followed by at least one watchlist is judged once a pass, whatever the number of its
watchlists; its counts are ranges of the tallies (16 weeks), so the cost follows the places
followed, not the store. An alert is unique by (watchlist, place, week, signal): a rerun, or
the next pass of the same week, records nothing again. See ``docs/alerts.md``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction
from urllib.parse import quote

from worldbrief.domain.trends import ChangeLevel, MonthlyArrow, Trend
from worldbrief.domain.watchlists import Alert, AlertKind, AlertMatch, Facet, MatchReason, TrendKey
from worldbrief.services.country_events import judged_week
from worldbrief.services.platform import Platform
from worldbrief.store import WatchlistStore
from worldbrief.store.event_tallies import EventTallies
from worldbrief.trends import MONTH_WEEKS, trend_of, weekly_series

# The monthly arrow needs the judged month and the three before it; the other rules fewer.
SIGNAL_WEEKS = MONTH_WEEKS * 4
LARGE_INCREASE = "large_increase"
SURGE = "surge"
DETERIORATED = "deteriorated"

Place = tuple[Facet, str]  # (country, "KZ"), (region, "central-asia"), (division, "KZ/Mangystau")


@dataclass(frozen=True, slots=True)
class PlaceSignal:
    place: Place
    week: date  # the Monday of the week judged
    signal: str
    heading: str  # "Kazakhstan: large increase"
    detail: str  # the counts that made it; with the heading, only names and counts are said


def record_trend_alerts(
    platform: Platform, store: WatchlistStore, now: datetime, cursor: int
) -> int:
    """Judge every followed place, record the alerts not recorded yet; returns how many were."""
    watchlists = store.active(store.place_follower_ids())
    followers: dict[Place, list[int]] = defaultdict(list)
    for watchlist in watchlists:
        for place in _places(watchlist.criteria.countries, watchlist.criteria.regions,
                             [d.key for d in watchlist.criteria.divisions]):  # fmt: skip
            followers[place].append(watchlist.id)
    if not followers:
        return 0
    week = judged_week(now.date())
    matches = [
        AlertMatch(
            watchlist_id,
            AlertKind.TREND,
            TrendKey(
                signal.place[0], signal.place[1], signal.week.isoformat(), signal.signal
            ).item_id,
            "",  # no article fired it
            cursor,
            (MatchReason(Facet.SIGNAL, signal.heading), MatchReason(Facet.SIGNAL, signal.detail)),
        )
        for signal in place_signals(platform, followers, week)
        for watchlist_id in followers[signal.place]
    ]
    deliveries = {w.id: w.delivery for w in watchlists}
    return store.record(matches, deliveries, cursor, now)


def place_signals(platform: Platform, places: Iterable[Place], week: date) -> list[PlaceSignal]:
    """The signals of ``places`` for the week starting ``week`` (a Monday), each place once."""
    wanted = set(places)
    first = week - timedelta(weeks=SIGNAL_WEEKS - 1)
    tallies = EventTallies.alongside(platform.store)
    taxonomy = platform.taxonomy
    regions = {
        v: [c.code for c in taxonomy.countries_in(v)] if taxonomy.find_region(v) else []
        for f, v in wanted
        if f is Facet.REGION
    }
    countries = {v for f, v in wanted if f is Facet.COUNTRY}
    countries.update(c for members in regions.values() for c in members)
    counted = tallies.country_weeks(first, week, sorted(countries)) if countries else {}
    per_country: dict[str, Counter[date]] = defaultdict(Counter)
    for (code, w), n in counted.items():
        per_country[code][w] += n
    series: dict[Place, Mapping[date, int]] = {}
    for facet, value in wanted:
        if facet is Facet.COUNTRY:
            series[(facet, value)] = per_country[value]
        elif facet is Facet.REGION:
            summed: Counter[date] = Counter()
            for code in regions[value]:
                summed.update(per_country[code])
            series[(facet, value)] = summed
    for country in sorted({v.partition("/")[0] for f, v in wanted if f is Facet.DIVISION}):
        by_division: dict[str, Counter[date]] = defaultdict(Counter)
        for (admin1, w), n in tallies.division_weeks(country, first, week).items():
            by_division[admin1][w] += n
        for facet, value in wanted:
            if facet is Facet.DIVISION and value.partition("/")[0] == country:
                series[(facet, value)] = by_division[value.partition("/")[2]]
    found: list[PlaceSignal] = []
    for place in sorted(series):
        trend = trend_of(weekly_series(series[place], week, SIGNAL_WEEKS))
        found.extend(_signals(place, _name(platform, place), week, trend))
    return found


def _signals(place: Place, name: str, week: date, trend: Trend) -> list[PlaceSignal]:
    said = f"in the week of {week:%-d %B %Y}"
    found = []
    month = trend.against_month
    if month is not None and month.level is ChangeLevel.LARGE_INCREASE:
        text = (f"{month.current} events {said} against {_avg(month.baseline_average)} a week "
                "over the 4 weeks before")  # fmt: skip
        found.append(PlaceSignal(place, week, LARGE_INCREASE, f"{name}: large increase", text))
    rise = trend.surge
    if place[0] is Facet.DIVISION and rise is not None and rise.surge:
        text = (f"{rise.current} events {said}, at least double the "
                f"{_avg(rise.month_average)} a week of the 4 weeks before")  # fmt: skip
        found.append(PlaceSignal(place, week, SURGE, f"{name}: surge", text))
    monthly = trend.monthly
    if monthly is not None and monthly.arrow is MonthlyArrow.DETERIORATED:
        change = monthly.change
        end = week + timedelta(days=6)
        text = (f"{change.current} events in the 4 weeks to {end:%-d %B %Y} against "
                f"{_avg(change.baseline_average)} in each 4 weeks of the 12 before")  # fmt: skip
        heading = f"{name}: deteriorated over the month"
        found.append(PlaceSignal(place, week, DETERIORATED, heading, text))
    return found


def _places(
    countries: Iterable[str], regions: Iterable[str], divisions: Iterable[str]
) -> list[Place]:
    return ([(Facet.COUNTRY, c) for c in countries] + [(Facet.REGION, r) for r in regions]
            + [(Facet.DIVISION, d) for d in divisions])  # fmt: skip


def _name(platform: Platform, place: Place) -> str:
    facet, value = place
    taxonomy = platform.taxonomy
    if facet is Facet.REGION:
        region = taxonomy.find_region(value)
        return region.name if region is not None else value
    code, _, admin1 = value.partition("/")
    country = taxonomy.find_country(code)
    country_name = country.name if country is not None else code
    return f"{admin1}, {country_name}" if facet is Facet.DIVISION else country_name


def _avg(value: Fraction) -> str:
    return f"{float(value):.1f}"


def signal_page(key: TrendKey) -> str:
    """The path of the page of a signal's place: the country's, or the region's (a division is
    shown on its country's page)."""
    if key.facet is Facet.REGION:
        return f"/regions/{quote(key.place, safe='')}"
    return f"/countries/{quote(key.place.partition('/')[0].lower(), safe='')}"


def signal_place(platform: Platform, key: TrendKey) -> str:
    """The place's name as a reader reads it (``Mangystau, Kazakhstan``)."""
    return _name(platform, (key.facet, key.place))


def signal_link(alert: Alert) -> tuple[str, str] | None:
    """A trend alert's title (its place and signal) and the path of its place's page; None
    for an alert of another kind."""
    key = TrendKey.parse(alert.item_id) if alert.kind is AlertKind.TREND else None
    if key is None:
        return None
    return (alert.reasons[0].value if alert.reasons else alert.why), signal_page(key)
