"""Rises of a saved search as alerts, counted with the real search index over literal articles
on both databases: more than 3 times the 7-day daily baseline from at least 2 sources fires
once a day, checked when new articles match; a rerun records nothing; a rise from one source,
or not above 3 times, or of words in bodies the owner may not read, does not."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from alerts.conftest import NOW, OWNER, article
from worldbrief.domain import AccessLevel, Article, Source
from worldbrief.domain.alert_delivery import QueuedAlert
from worldbrief.domain.watchlists import AlertKind, Facet, MatchReason
from worldbrief.membership.roles import Role, Viewer
from worldbrief.services.alert_views import alert_views
from worldbrief.services.alerts import run_alert_pass
from worldbrief.services.indexing import catch_up
from worldbrief.services.platform import Platform
from worldbrief.services.search_rises import search_rise
from worldbrief.services.watchlists import WatchlistRequest, add_watchlist, watchlists_of


def _story(
    article_id: str,
    words: str,
    hours_ago: float,
    source: str = "Example Wire",
    access: AccessLevel = AccessLevel.FREE,
) -> Article:
    built = article(
        article_id,
        text=f"Title\n\nReports on {words} today.",
        published=NOW - timedelta(hours=hours_ago),
        access=access,
    )
    return dataclasses.replace(
        built, source=Source(name=source, url=f"https://{source}.example/{article_id}")
    )


def _subject(
    name: str, words: str, today: int, sources: int, access: AccessLevel = AccessLevel.FREE
) -> list[Article]:
    """One article a day over the 7 days before the last day, ``today`` in the last day."""
    before = [_story(f"{name}-b{i}", words, 24 + 20 * i, access=access) for i in range(1, 8)]
    recent = [
        _story(f"{name}-t{i}", words, 1 + i, f"wire{i % sources}", access) for i in range(today)
    ]
    return before + recent


def _follow(platform: Platform, name: str, query: str) -> int:
    return add_watchlist(platform, OWNER, WatchlistRequest(name=name, query=query), NOW).id


def _rises(platform: Platform, watchlist_id: int) -> list[str]:
    found = watchlists_of(platform).alerts_of(watchlist_id)
    return [a.item_id for a in found if a.kind is AlertKind.SEARCH_RISE]


def test_a_rise_from_two_sources_alerts_once_a_day(platform: Platform) -> None:
    gas = _follow(platform, "Gas", '"gas prices"')
    pipeline = _follow(platform, "Pipeline", "pipeline")
    wheat = _follow(platform, "Wheat", "wheat")
    oil = _follow(platform, "Oil", "exports")
    platform.store.upsert_articles(
        _subject("gas", "gas prices", today=4, sources=2)
        + _subject("pipe", "pipeline", today=6, sources=1)
        + _subject("wheat", "wheat harvest", today=3, sources=3)
        # Only in members-only bodies: not counted for a registered reader's search.
        + _subject("oil", "oil exports", today=8, sources=2, access=AccessLevel.MEMBERS)
    )
    catch_up(platform.store, platform.index)

    report = run_alert_pass(platform, now=NOW)
    assert report.search_rises == 1
    assert _rises(platform, gas) == ["2026-11-30"]
    assert _rises(platform, pipeline) == []  # six articles, one source
    assert _rises(platform, wheat) == []  # three against one a day: not more than 3 times
    assert _rises(platform, oil) == []  # the words are in bodies the owner may not read
    followed = watchlists_of(platform).get(oil)
    assert followed is not None  # a member's eyes count them: the rule, not the data, held it
    member = search_rise(platform, followed, Viewer(role=Role.MEMBER), NOW)
    assert member is not None and member.fires and member.day_count == 8
    (alert,) = [
        a for a in watchlists_of(platform).alerts_of(gas) if a.kind is AlertKind.SEARCH_RISE
    ]
    assert alert.reasons == (
        MatchReason(Facet.SEARCH, '"gas prices"'),
        MatchReason(
            Facet.SIGNAL,
            "4 articles in the last day against 1.0 a day over the 7 days before, from 2 sources",
        ),
    )
    assert run_alert_pass(platform, now=NOW).search_rises == 0  # nothing new: nothing checked
    # One more matching article the same day: checked again, already told today.
    platform.store.upsert_articles([_story("gas-late", "gas prices", 0.5, "wire9")])
    catch_up(platform.store, platform.index)
    assert run_alert_pass(platform, now=NOW).search_rises == 0
    assert _rises(platform, gas) == ["2026-11-30"]

    watchlist = watchlists_of(platform).get(gas)
    assert watchlist is not None
    (view,) = alert_views(platform, [QueuedAlert(alert, watchlist)], NOW)
    base = platform.settings.base_url.rstrip("/")
    assert view.title == 'Rise of the search: "gas prices"'
    assert view.url == base + "/search?q=%22gas+prices%22&sort=newest"
    assert view.why.startswith('search ""gas prices""; 4 articles in the last day')
    assert not view.members_only and view.full_text_url is None
