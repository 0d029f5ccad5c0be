"""The event parts of country and region pages over the demo corpus, on each store: the week
judged, the stacked weekly counts, the trend with its division surges, the actors counted once
an event, and the evidence of the latest events following the paywall."""

from __future__ import annotations

from datetime import date

from worldbrief.domain.events import ActorType
from worldbrief.domain.linked_events import EventParty
from worldbrief.domain.trends import ChangeLevel, MonthlyArrow
from worldbrief.membership.roles import ANONYMOUS, Role, Viewer
from worldbrief.services.country_events import (
    country_arrows,
    country_trend,
    event_timeline,
    judged_week,
    latest_events_of,
    most_named,
    region_event_shares,
    with_evidence,
)
from worldbrief.services.demo import load_demo_if_empty
from worldbrief.services.platform import Platform

LAST_WEEK = date(2026, 11, 23)  # the Monday of the demo's last week of events


def test_the_week_judged_is_the_last_complete_one() -> None:
    assert judged_week(date(2026, 11, 30)) == date(2026, 11, 23)  # a Monday
    assert judged_week(date(2026, 12, 6)) == date(2026, 11, 23)  # the Sunday after
    assert judged_week(date(2026, 12, 7)) == date(2026, 11, 30)


def test_actors_are_counted_once_an_event_by_entity_or_by_name_case_aside() -> None:
    police = EventParty("Police", ActorType.STATE_FORCES)
    events = [
        (police, EventParty("police"), EventParty("RSF", entity_id="org-rsf")),
        (EventParty("Rapid Support Forces", entity_id="org-rsf"), EventParty("workers")),
        (EventParty("police", ActorType.STATE_FORCES),),
    ]
    ranked = most_named(events)
    # "Police" and "police" in one event count once; the entity under two names is one.
    assert [(a.name, a.events) for a in ranked] == [("RSF", 2), ("Police", 2), ("workers", 1)]
    assert ranked[0].entity_id == "org-rsf" and ranked[1].entity_id is None
    assert ranked[1].type is ActorType.STATE_FORCES
    assert most_named(events, limit=1) == ranked[:1]


def test_kazakhstan_in_november_2026(platform: Platform) -> None:
    load_demo_if_empty(platform)
    timeline = event_timeline(platform, ["KZ"], date(2026, 10, 1), date(2026, 11, 29))
    assert timeline.first == date(2026, 9, 28) and timeline.weeks == 9
    assert all(len(s.counts) == 9 for s in timeline.series)
    totals = [s.total for s in timeline.series]
    assert totals == sorted(totals, reverse=True) and timeline.total >= 15
    found = country_trend(platform, "KZ", LAST_WEEK)
    assert found.week == LAST_WEEK
    week = found.trend.against_month
    assert week is not None and week.level is ChangeLevel.LARGE_INCREASE
    assert found.trend.monthly is not None
    assert found.trend.monthly.arrow is MonthlyArrow.DETERIORATED
    [division] = found.divisions
    assert division.admin1.startswith("Mangghyst") and division.reading.eligible
    assert division.reading.current >= 3


def test_a_quiet_year_has_no_arrow_and_every_country_is_read_at_once(
    platform: Platform,
) -> None:
    load_demo_if_empty(platform)
    shares = {s.code: s for s in region_event_shares(platform, "central-asia", LAST_WEEK)}
    assert set(shares) == {"KZ", "KG", "TJ", "TM", "UZ"}
    assert shares["KZ"].arrow is MonthlyArrow.DETERIORATED and shares["KZ"].events >= 15
    assert shares["TM"].events == 0 and shares["TM"].arrow is None
    every = country_arrows(platform, None, LAST_WEEK)
    assert "KZ" in every and "" not in every and every["KZ"][0] == shares["KZ"].events
    assert "GE" not in every  # Tbilisi's events of December 2024 are outside the year


def test_evidence_of_a_members_only_source_reaches_members_only(platform: Platform) -> None:
    load_demo_if_empty(platform)
    latest = latest_events_of(platform, ["KZ"])
    assert len(latest) == 10 and latest[0].date == date(2026, 11, 26)
    anonymous = with_evidence(platform, latest, ANONYMOUS)
    member = with_evidence(platform, latest, Viewer(Role.MEMBER))
    locked = [i for i, item in enumerate(anonymous) if item.source and item.source.locked]
    assert locked  # the members-only situation report is the first source of some
    for i in locked:
        assert anonymous[i].source is not None and anonymous[i].source.sentences is None
        source = member[i].source
        assert source is not None and not source.locked and source.sentences
    free = [item for item in anonymous if item.source and not item.source.locked]
    assert free and all(item.source and item.source.sentences for item in free)
