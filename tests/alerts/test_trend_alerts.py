"""Trend signals of followed places as alerts, over literal events on both databases: a large
increase, a division's surge and a monthly deterioration alert once per watchlist, place, week
and signal; a rerun records nothing; a place no watchlist follows and a limited change record
nothing; every channel says why and links to the place's page."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, timedelta

from alerts.conftest import NOW, OWNER, TEXT, article, protest
from worldbrief.domain import Article, PlaceMention, Span
from worldbrief.domain.alert_delivery import MailingKind, QueuedAlert
from worldbrief.domain.events import EventMention
from worldbrief.domain.watchlists import AlertKind, Facet, MatchReason
from worldbrief.membership.roles import Role, Viewer
from worldbrief.services.alert_mail_render import AlertMail, build_message
from worldbrief.services.alert_views import alert_views
from worldbrief.services.alert_webhooks import payload
from worldbrief.services.alerts import run_alert_pass
from worldbrief.services.notifications import notification_page
from worldbrief.services.platform import Platform
from worldbrief.services.watchlist_feed import watchlist_feed
from worldbrief.services.watchlists import (
    WatchlistRequest,
    add_watchlist,
    issue_atom_token,
    watchlists_of,
)
from worldbrief.store import AccountStore
from worldbrief.web.watchlist_atom import watchlist_atom
from worldbrief.web.watchlist_views import notification_row

KG_TEXT = "Title\n\nProtesters gathered in Bishkek on Sunday over gas prices."
BISHKEK = PlaceMention(
    30, 37, "Bishkek", "Bishkek", 1528675, 42.87, 74.59, "KG", "Bishkek", "P.PPLC"
)
INTERVENTION = "Protest with intervention"
JUDGED = date(2026, 11, 23)  # the last complete week before NOW (Monday 30 November)


def _events(platform: Platform) -> None:
    """Kazakhstan (all in Mangystau): one event a week for the four weeks before the judged
    week, eight in it (two kinds of protest on four days two apart: reports a day apart of one
    kind in one place are one event). Kyrgyzstan: one a week for fifteen weeks, two in the
    judged week (a limited change, its month unchanged)."""
    kz_days = [JUDGED - timedelta(weeks=w, days=-1) for w in (4, 3, 2, 1)]
    judged_days = [JUDGED + timedelta(days=d) for d in (0, 2, 4, 6)]
    stored = [_report(f"kz-{d}", d, protest(d)) for d in kz_days + judged_days]
    stored += [
        _report(f"kz-i-{d}", d, dataclasses.replace(protest(d), subtype=INTERVENTION))
        for d in judged_days
    ]
    kg_days = [JUDGED - timedelta(weeks=w, days=-2) for w in range(15, 0, -1)]
    kg_days += [JUDGED, JUDGED + timedelta(days=3)]
    kg_report = dataclasses.replace(protest(), place=BISHKEK, evidence=(Span(7, len(KG_TEXT)),))
    stored += [
        _report(f"kg-{d}", d, dataclasses.replace(kg_report, date=d), country="KG", text=KG_TEXT)
        for d in kg_days
    ]
    platform.store.upsert_articles(stored)


def _report(
    article_id: str, day: date, report: EventMention, country: str = "KZ", text: str = TEXT
) -> Article:
    published = datetime(day.year, day.month, day.day, 18, tzinfo=UTC)
    return article(article_id, report, published=published, country=country, text=text)


def _follow(platform: Platform, name: str, **criteria: object) -> int:
    request = WatchlistRequest(name=name, **criteria)  # type: ignore[arg-type]
    return add_watchlist(platform, OWNER, request, NOW).id


def _trends(platform: Platform, watchlist_id: int) -> list[str]:
    found = watchlists_of(platform).alerts_of(watchlist_id)
    return sorted(a.item_id for a in found if a.kind is AlertKind.TREND)


def test_signals_of_followed_places_alert_once(platform: Platform) -> None:
    _events(platform)
    kazakhstan = _follow(platform, "Kazakhstan", countries=["KZ"], email="immediate")
    mangystau = _follow(platform, "Mangystau", divisions=["KZ/Mangystau"])
    central_asia = _follow(platform, "Central Asia", regions=["central-asia"])
    kyrgyzstan = _follow(platform, "Kyrgyzstan", countries=["KG"])
    uzbekistan = _follow(platform, "Uzbekistan", countries=["UZ"])

    report = run_alert_pass(platform, now=NOW)
    assert _trends(platform, kazakhstan) == [
        "country|KZ|2026-11-23|deteriorated",
        "country|KZ|2026-11-23|large_increase",
    ]
    assert _trends(platform, mangystau) == [
        "division|KZ/Mangystau|2026-11-23|deteriorated",
        "division|KZ/Mangystau|2026-11-23|large_increase",
        "division|KZ/Mangystau|2026-11-23|surge",
    ]
    # The region counts its countries together: 10 this week against 2 a week before.
    assert _trends(platform, central_asia) == [
        "region|central-asia|2026-11-23|deteriorated",
        "region|central-asia|2026-11-23|large_increase",
    ]
    assert _trends(platform, kyrgyzstan) == []  # a limited change, the month unchanged
    assert _trends(platform, uzbekistan) == []  # no events at all
    assert report.trend_alerts == 7

    increase = next(
        a
        for a in watchlists_of(platform).alerts_of(kazakhstan)
        if a.item_id.endswith("large_increase")
    )
    assert increase.reasons == (
        MatchReason(Facet.SIGNAL, "Kazakhstan: large increase"),
        MatchReason(
            Facet.SIGNAL,
            "8 events in the week of 23 November 2026 against 1.0 a week over the 4 weeks before",
        ),
    )
    assert increase.why.startswith("Kazakhstan: large increase; 8 events in the week of")

    # A rerun, and a later pass of the same week with one more event, record nothing again.
    assert run_alert_pass(platform, now=NOW).trend_alerts == 0
    platform.store.upsert_articles([_report("kz-late", JUDGED, protest(JUDGED + timedelta(1)))])
    later = run_alert_pass(platform, now=NOW + timedelta(hours=3))
    assert later.trend_alerts == 0
    assert len(_trends(platform, kazakhstan)) == 2


def test_a_place_no_watchlist_follows_is_not_judged_into_alerts(platform: Platform) -> None:
    _events(platform)
    elsewhere = _follow(platform, "Uzbekistan", countries=["UZ"])
    report = run_alert_pass(platform, now=NOW)
    assert report.trend_alerts == 0 and _trends(platform, elsewhere) == []


def test_every_channel_says_why_and_links_to_the_place(platform: Platform) -> None:
    _events(platform)
    kazakhstan = _follow(platform, "Kazakhstan", countries=["KZ"], email="immediate")
    run_alert_pass(platform, now=NOW)
    watchlist = watchlists_of(platform).get(kazakhstan)
    assert watchlist is not None
    alerts = [a for a in watchlists_of(platform).alerts_of(kazakhstan) if a.kind is AlertKind.TREND]
    # Mail and webhooks.
    views = alert_views(platform, [QueuedAlert(a, watchlist) for a in alerts], NOW)
    assert {v.title for v in views} == {
        "Kazakhstan: large increase",
        "Kazakhstan: deteriorated over the month",
    }
    base = platform.settings.base_url.rstrip("/")
    assert {v.url for v in views} == {base + "/countries/kz"}
    assert all(v.place == "Kazakhstan" and v.day == JUDGED for v in views)
    assert all(not v.members_only and v.full_text_url is None for v in views)
    queued = {a.id: QueuedAlert(a, watchlist) for a in alerts}
    body = payload(views[0], queued[views[0].alert_id])
    assert json.loads(json.dumps(body))["url"] == base + "/countries/kz"
    assert body["kind"] == "trend" and body["article_id"] is None and body["teaser"] == ""
    mail = AlertMail(OWNER, MailingKind.DAILY, tuple(queued), (kazakhstan,),
                     {kazakhstan: base + "/u/1"}, base + "/u/all")  # fmt: skip
    message = build_message(platform.settings, mail, views, NOW.date())
    text = message.get_body(("plain",))
    assert text is not None
    plain = text.get_content()
    assert "Kazakhstan: large increase" in plain and "8 events in the week of" in plain
    assert base + "/countries/kz" in plain
    # The notification list.
    account = AccountStore.alongside(platform.store).get_account(OWNER)
    assert account is not None
    page = notification_page(platform, Viewer(role=Role.REGISTERED), account.id)
    rows = [notification_row(n) for n in page.items if n.alert.kind is AlertKind.TREND]
    assert {(r.title, r.url) for r in rows} == {
        ("Kazakhstan: large increase", "/countries/kz"),
        ("Kazakhstan: deteriorated over the month", "/countries/kz"),
    }
    assert all(r.why.startswith("Kazakhstan: ") and not r.locked for r in rows)
    # The Atom feed.
    token = issue_atom_token(platform, kazakhstan)
    assert token is not None
    feed = watchlist_feed(platform, token)
    assert feed is not None
    document = watchlist_atom(
        feed, site_name="worldbrief", base_url=base, feed_path="/feeds/x.atom"
    ).decode()
    assert "Kazakhstan: large increase" in document
    assert f'href="{base}/countries/kz"' in document
