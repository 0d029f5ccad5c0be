"""One alert pass over literal articles and events: what matches and why, events alerted
once however many articles report them, saved searches run against the new articles only, and
nothing recorded twice. On both databases."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from alerts.conftest import NOW, OWNER, article, protest
from worldbrief.domain import AccessLevel
from worldbrief.domain.account import SubscriptionSource
from worldbrief.domain.watchlists import AlertKind, DeliveryState, Facet, MatchReason
from worldbrief.services import accounts as service
from worldbrief.services.alerts import run_alert_pass
from worldbrief.services.platform import Platform
from worldbrief.services.watchlists import (
    WatchlistInputError,
    WatchlistRequest,
    add_watchlist,
    remove_watchlist,
    watchlists_of,
)


def _follow(platform: Platform, name: str, **criteria: object) -> int:
    return add_watchlist(platform, OWNER, WatchlistRequest(name=name, **criteria), NOW).id  # type: ignore[arg-type]


def _alerted(platform: Platform, watchlist_id: int) -> list[tuple[str, str]]:
    found = watchlists_of(platform).alerts_of(watchlist_id)
    return sorted((a.kind.value, a.item_id) for a in found)


def test_articles_alert_the_watchlists_whose_criteria_they_meet_once(platform: Platform) -> None:
    kazakhstan = _follow(platform, "KZ", countries=["kz"], email="immediate")
    region = _follow(platform, "Central Asia analysis", regions=["central-asia"],
                     article_types=["analysis"])  # fmt: skip
    russia = _follow(platform, "RU", countries=["RU"])
    platform.store.upsert_articles([article("kz-1"), article("ru-1", country="RU")])

    report = run_alert_pass(platform, now=NOW)
    assert report.alerts == 3 and report.articles == 2
    assert _alerted(platform, kazakhstan) == [("article", "kz-1")]
    assert _alerted(platform, region) == [("article", "kz-1")]
    assert _alerted(platform, russia) == [("article", "ru-1")]
    (alert,) = watchlists_of(platform).alerts_of(region)
    assert alert.reasons == (
        MatchReason(Facet.REGION, "central-asia"),
        MatchReason(Facet.ARTICLE_TYPE, "analysis"),
    )
    assert alert.why == "region central-asia; article type analysis"
    (told,) = watchlists_of(platform).alerts_of(kazakhstan)
    assert told.email is DeliveryState.PENDING and told.webhook is DeliveryState.OFF

    again = run_alert_pass(platform, now=NOW)
    assert again.alerts == 0 and again.changes == 0
    platform.store.upsert_articles([article("kz-1", text="Title\n\nAn update on gas.")])
    updated = run_alert_pass(platform, now=NOW)
    assert updated.changes == 1 and updated.alerts == 0  # an update is not news twice
    assert watchlists_of(platform).alert_count() == 3


def test_an_event_alerts_once_however_many_articles_report_it(platform: Platform) -> None:
    protests = _follow(platform, "KZ protests", countries=["KZ"], event_types=["Protests"])
    division = _follow(platform, "Mangystau", divisions=["KZ/Mangystau"],
                       event_types=["peaceful-protest"])  # fmt: skip
    clashes = _follow(platform, "KZ clashes", countries=["KZ"], event_types=["armed-clash"])
    platform.store.upsert_articles([article("first", protest()), article("second", protest())])
    first = run_alert_pass(platform, now=NOW)
    assert first.events == 1
    (event_alert,) = watchlists_of(platform).alerts_of(protests)
    assert event_alert.kind is AlertKind.EVENT and event_alert.article_id == "first"
    assert _alerted(platform, division) == [("event", event_alert.item_id)]
    assert _alerted(platform, clashes) == []

    # A third report, in a later pass, joins the same event: it does not alert again.
    platform.store.upsert_articles([article("third", protest())])
    later = run_alert_pass(platform, now=NOW)
    assert later.events == 1 and later.alerts == 0
    assert _alerted(platform, protests) == [("event", event_alert.item_id)]

    # A protest elsewhere is another event.
    platform.store.upsert_articles([article("fourth", protest(date(2026, 11, 20)))])
    assert run_alert_pass(platform, now=NOW).alerts == 2


def test_a_saved_search_matches_the_new_articles_its_owner_may_search(
    platform: Platform,
) -> None:
    gas = _follow(platform, "gas", query="gas prices")
    oil = _follow(platform, "oil in KZ", query="oil", countries=["KZ"])
    locked = "Title\n\nOil workers struck in Aktau."
    platform.store.upsert_articles(
        [
            article("gas-1"),
            article("free-1", text="Title\n\nOil output rose in Atyrau."),
            article("ru-1", country="RU", text="Title\n\nOil output rose in Tyumen."),
            article("locked-1", text=locked, access=AccessLevel.MEMBERS),
        ]
    )
    run_alert_pass(platform, now=NOW)
    assert _alerted(platform, gas) == [("article", "gas-1")]
    # A registered reader may not search a members-only body: it does not alert them.
    assert _alerted(platform, oil) == [("article", "free-1")]
    (alert,) = watchlists_of(platform).alerts_of(oil)
    assert alert.reasons == (MatchReason(Facet.COUNTRY, "KZ"), MatchReason(Facet.SEARCH, "oil"))


def test_only_news_stored_after_the_watchlist_alerts(platform: Platform) -> None:
    platform.store.upsert_articles([article("before")])
    watchlist = _follow(platform, "KZ", countries=["KZ"])
    stale = NOW - timedelta(days=40)
    platform.store.upsert_articles(
        [article("after"), article("archive", published=stale, text="Title\n\nOld news.")]
    )
    report = run_alert_pass(platform, now=NOW)
    assert _alerted(platform, watchlist) == [("article", "after")]
    assert report.articles == 1


def test_without_watchlists_nothing_is_read_and_a_removed_watchlist_takes_its_alerts(
    platform: Platform,
) -> None:
    platform.store.upsert_articles([article("a")])
    assert run_alert_pass(platform, now=NOW).changes == 0
    watchlist = _follow(platform, "KZ", countries=["KZ"])
    platform.store.upsert_articles([article("b")])
    assert run_alert_pass(platform, now=NOW).alerts == 1
    assert remove_watchlist(platform, watchlist) and not remove_watchlist(platform, watchlist)
    assert watchlists_of(platform).alert_count() == 0
    platform.store.upsert_articles([article("c")])
    report = run_alert_pass(platform, now=NOW)
    assert report.changes == 0 and report.cursor == platform.store.max_seq()


def test_a_batch_at_a_time_records_the_same_alerts(platform: Platform) -> None:
    watchlist = _follow(platform, "KZ", countries=["KZ"])
    platform.store.upsert_articles([article(f"a{i}") for i in range(7)])
    report = run_alert_pass(platform, now=NOW, batch_size=2)
    assert report.batches == 4 and report.alerts == 7
    assert len(_alerted(platform, watchlist)) == 7


@pytest.mark.parametrize(
    ("criteria", "problem"),
    [
        ({"countries": ["XX"]}, "unknown country"),
        ({"regions": ["atlantis"]}, "unknown region"),
        ({"actors": ["no-such-actor"]}, "unknown actor"),
        ({"event_types": ["Parade"]}, "unknown event type"),
        ({"divisions": ["Mangystau"]}, "must be written COUNTRY/NAME"),
        ({"query": 'gas "prices'}, "cannot run"),
        ({"countries": ["KZ"], "webhook": "ftp://example.org/x"}, "only http and https"),
        ({"countries": ["KZ"], "webhook": "http://10.0.0.1/hook"}, "private"),
        ({"countries": ["KZ"], "email": "hourly"}, "email mode must be one of"),
        ({}, "needs something to follow"),
    ],
)
def test_bad_criteria_are_refused_by_name(
    platform: Platform, criteria: dict[str, object], problem: str
) -> None:
    with pytest.raises(WatchlistInputError, match=problem):
        _follow(platform, "bad", **criteria)
    assert watchlists_of(platform).list_watchlists() == []


def test_a_members_saved_search_matches_members_only_bodies(platform: Platform) -> None:
    accounts = service.accounts_of(platform)
    service.create_account(accounts, "mia@example.org", "correct horse battery", "registered",
                           actor="t")  # fmt: skip
    service.add_plan(accounts, "monthly", "Monthly", price="9.00", currency="EUR",
                     period="month", actor="t")  # fmt: skip
    accounts.grant_subscription(
        "mia@example.org", "monthly", starts_at=NOW - timedelta(days=1), days=30,
        source=SubscriptionSource.ADMIN, reference=None, actor="t", now=NOW,
    )  # fmt: skip
    member = add_watchlist(platform, "mia@example.org", WatchlistRequest("strikes", query="struck"))
    registered = _follow(platform, "strikes", query="struck")
    locked = "Title\n\nOil workers struck in Aktau."
    platform.store.upsert_articles([article("locked-1", text=locked, access=AccessLevel.MEMBERS)])
    run_alert_pass(platform, now=NOW)
    assert _alerted(platform, member.id) == [("article", "locked-1")]
    assert _alerted(platform, registered) == []
