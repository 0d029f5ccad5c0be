"""What the country and region templates show of events: colours by type, dates with their
precision, trend readings in words, and the rows of the tables read without JavaScript."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from worldbrief.domain.events import DatePrecision
from worldbrief.domain.linked_events import LinkedEvent
from worldbrief.domain.trends import ChangeReading, MonthlyArrow
from worldbrief.services.country_events import (
    ActiveActor,
    CountryEvents,
    EventPeriods,
    EventWithEvidence,
    PlaceTrend,
)
from worldbrief.web.map_views import day_label, numeric_id
from worldbrief.web.views import article_url, country_url

# One colour class per event type (the CSS names the colours, so dark mode can follow); the
# map's points, the legend and the timeline's stacks use the same.
TYPE_CLASSES = {
    "Battles": "ev-battles",
    "Explosions/Remote violence": "ev-explosions",
    "Violence against civilians": "ev-civilians",
    "Protests": "ev-protests",
    "Riots": "ev-riots",
    "Strategic developments": "ev-strategic",
    "Disasters": "ev-disasters",
    "Crime": "ev-crime",
    "Diplomacy": "ev-diplomacy",
    "Claims": "ev-claims",
}
OTHER_CLASS = "ev-other"
ARROW_WORDS = {
    MonthlyArrow.DETERIORATED: ("↑", "Deteriorated"),
    MonthlyArrow.IMPROVED: ("↓", "Improved"),
    MonthlyArrow.UNCHANGED: ("→", "Unchanged"),
}


def type_class(event_type: str) -> str:
    return TYPE_CLASSES.get(event_type, OTHER_CLASS)


def event_url(event_id: str) -> str:
    return f"/events/{event_id}"


def actor_url(entity_id: str) -> str:
    return f"/actors/{entity_id}"


def dated(day: date | None, precision: DatePrecision | None) -> str:
    """A date as exactly as it is known: "20 Oct 2026", "week of 19 Oct 2026", "Oct 2026"."""
    if day is None:
        return "date unknown"
    if precision is DatePrecision.YEAR:
        return str(day.year)
    if precision is DatePrecision.MONTH:
        return f"{day:%b %Y}"
    if precision is DatePrecision.WEEK:
        return f"week of {day_label(day)}"
    return day_label(day)


@dataclass(frozen=True, slots=True)
class LegendEntry:
    type: str
    css: str
    events: int


@dataclass(frozen=True, slots=True)
class EventRow:
    """An event as the latest-events list shows it."""

    id: str
    url: str
    type: str
    subtype: str
    css: str
    when: str
    iso_date: str
    place: str
    actors: list[str]
    fatalities: str
    sources: int
    source_title: str | None
    source_url: str | None
    evidence: str | None  # the evidence sentences, or None
    locked: bool  # the source is members-only and the viewer may not read it


@dataclass(frozen=True, slots=True)
class ActorRow:
    name: str
    url: str | None
    kind: str
    events: int


@dataclass(frozen=True, slots=True)
class PeriodEventRow:
    """A row of the timeline's table: a week, or a month or year of older weeks."""

    stamp: str  # the period as HTML's <time datetime> writes it: 2011-12-19, 2011-12, 2011
    label: str  # "19 Dec 2011", "Dec 2011", "2011"
    weekly: bool
    events: int
    by_type: str  # "3 Protests, 1 Riots"
    articles: int | None


@dataclass(frozen=True, slots=True)
class PeriodTable:
    rows: list[PeriodEventRow]
    collapsed: bool  # older weeks are summed by month and year


@dataclass(frozen=True, slots=True)
class Reading:
    label: str  # "Large increase"
    css: str  # "trend-large_increase"
    detail: str  # "4 events against 1.5 a week (+167%)"


@dataclass(frozen=True, slots=True)
class TrendView:
    week_label: str
    week: Reading | None
    year: Reading | None
    month: Reading | None
    arrow: tuple[str, str] | None  # (symbol, word)
    arrow_css: str
    surges: list[tuple[str, str, bool]]  # (division, "5 against 2.0 a week", surging)
    weeks_needed: bool  # too little history for any reading


@dataclass(frozen=True, slots=True)
class ShareRow:
    code: str
    name: str
    url: str
    numeric: str
    events: int
    arrow: str  # "deteriorated" / "improved" / "unchanged" / ""
    arrow_symbol: str
    arrow_word: str


def place_label(event: LinkedEvent) -> str:
    place = event.place
    if place is None:
        return "place unknown"
    if place.admin1 and place.admin1 != place.name:
        return f"{place.name}, {place.admin1}"
    return place.name


def event_rows(items: list[EventWithEvidence]) -> list[EventRow]:
    rows = []
    for item in items:
        e, source = item.event, item.source
        fatalities = ""
        if e.fatalities:
            fatalities = f"{'at least ' if e.fatalities_approximate else ''}{e.fatalities} killed"
        rows.append(
            EventRow(
                id=e.id,
                url=event_url(e.id),
                type=e.type,
                subtype=e.subtype,
                css=type_class(e.type),
                when=dated(e.date, e.date_precision),
                iso_date=e.date.isoformat() if e.date else "",
                place=place_label(e),
                actors=[a.name for a in e.actors[:4]],
                fatalities=fatalities,
                sources=e.sources,
                source_title=source.title if source else None,
                source_url=article_url(source.article_id, source.title) if source else None,
                evidence=" ".join(source.sentences) if source and source.sentences else None,
                locked=bool(source and source.locked),
            )
        )
    return rows


def actor_rows(actors: list[ActiveActor]) -> list[ActorRow]:
    return [
        ActorRow(
            a.name,
            actor_url(a.entity_id) if a.entity_id else None,
            a.type.value.replace("_", " ") if a.type else "",
            a.events,
        )
        for a in actors
    ]


def legend(periods: EventPeriods) -> list[LegendEntry]:
    return [LegendEntry(t, type_class(t), n) for t, n in periods.types]


def event_week_rows(periods: EventPeriods, articles: dict[date, int]) -> PeriodTable:
    """The weeks (or, collapsed, the months and years of older weeks) with events or
    articles, newest first: the timeline without JavaScript, in about a hundred rows at most
    however long the record."""
    # Articles by week index, so each row sums a slice (weeks off the Monday grid count none).
    by_index = [0] * periods.weeks
    for week, n in articles.items():
        days = (week - periods.first).days
        if n and not days % 7 and 0 <= days // 7 < periods.weeks:
            by_index[days // 7] += n
    # The counts by period, so a period without events costs one lookup, not one per type.
    by_stamp: dict[str, dict[str, int]] = {}
    for (kind, stamp), n in periods.counts.items():
        by_stamp.setdefault(stamp, {})[kind] = n
    rows = []
    for stamp, start, end in periods.runs():
        published = sum(by_index[start:end])
        counted = by_stamp.get(stamp)
        parts = [(t, counted.get(t, 0)) for t, _ in periods.types] if counted else []
        events = sum(n for _, n in parts)
        if not events and not published:
            continue
        first = periods.first + timedelta(weeks=start)
        weekly = len(stamp) == 10
        label = day_label(first) if weekly else f"{first:%b %Y}" if len(stamp) == 7 else stamp
        by_type = ", ".join(f"{n} {t}" for t, n in parts if n)  # most events first
        rows.append(PeriodEventRow(stamp, label, weekly, events, by_type, published))
    return PeriodTable(rows, periods.collapsed)


def _average(value: Fraction) -> str:
    return f"{float(value):.1f}"


def _reading(change: ChangeReading | None, per: str) -> Reading | None:
    if change is None:
        return None
    percent = f" ({float(change.percent):+.0f}%)" if change.percent is not None else ""
    n = change.current
    average = _average(change.baseline_average)
    detail = f"{n} event{'s' if n != 1 else ''} against {average} a {per}{percent}"
    if change.low_activity:
        detail += "; too few events to call a change"
    return Reading(change.level.label, f"trend-{change.level.value}", detail)


def trend_view(found: PlaceTrend) -> TrendView:
    t = found.trend
    monthly = t.monthly
    arrow = ARROW_WORDS[monthly.arrow] if monthly else None
    surges = [
        (
            d.admin1,
            f"{d.reading.current} against {_average(d.reading.month_average)} a week",
            d.reading.surge,
        )
        for d in found.divisions
    ]
    return TrendView(
        week_label=day_label(found.week),
        week=_reading(t.against_month, "week over the 4 weeks before"),
        year=_reading(t.against_year, "week over the 52 weeks before"),
        month=_reading(monthly.change if monthly else None, "month over the 3 months before"),
        arrow=arrow,
        arrow_css=f"arrow-{monthly.arrow.value}" if monthly else "",
        surges=surges,
        weeks_needed=t.against_month is None,
    )


def share_rows(shares: list[CountryEvents]) -> list[ShareRow]:
    """Most events first, then by name."""
    rows = []
    for s in shares:
        symbol, word = ARROW_WORDS[s.arrow] if s.arrow else ("", "")
        rows.append(
            ShareRow(
                s.code,
                s.name,
                country_url(s.code),
                numeric_id(s.iso_numeric),
                s.events,
                s.arrow.value if s.arrow else "",
                symbol,
                word,
            )
        )
    return sorted(rows, key=lambda r: (-r.events, r.name))
