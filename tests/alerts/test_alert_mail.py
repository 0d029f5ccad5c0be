"""Alert mail through a real SMTP server (aiosmtpd on 127.0.0.1): immediate mail, quiet hours,
the cooldown and the hourly limit, digests grouped by watchlist and place with a chart of the
week, one-click unsubscribe, and nothing sent twice. On both databases."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from alerts.conftest import NOW, OWNER, article
from alerts.delivery_support import BASE, delivery_platform, follow, parts
from support.mailbox import Mailbox, free_port, running_mailbox
from worldbrief.domain.watchlists import DeliveryState, EmailMode
from worldbrief.services import accounts as service
from worldbrief.services import alert_mail
from worldbrief.services.alert_delivery import run_alert_delivery
from worldbrief.services.alert_settings import set_reader_settings
from worldbrief.services.alerts import run_alert_pass
from worldbrief.services.platform import Platform
from worldbrief.services.watchlists import WatchlistInputError, watchlists_of
from worldbrief.store import AlertDeliveryStore
from worldbrief.web.app import create_app


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    with running_mailbox() as running:
        yield running


@pytest.fixture
def platform(tmp_path: Path, store_url: str, mailbox: tuple[Mailbox, int]) -> Iterator[Platform]:
    with delivery_platform(tmp_path, store_url, mailbox[1]) as opened:
        yield opened


def _states(platform: Platform, watchlist_id: int) -> list[DeliveryState]:
    return [a.email for a in watchlists_of(platform).alerts_of(watchlist_id)]


def test_an_immediate_alert_is_mailed_once_with_text_html_and_unsubscribe_headers(
    platform: Platform, mailbox: tuple[Mailbox, int]
) -> None:
    box, _ = mailbox
    watched = follow(platform, "Kazakhstan", countries=["KZ"], email="immediate")
    platform.store.upsert_articles([article("kz-1")])
    run_alert_pass(platform, now=NOW)

    report = run_alert_delivery(platform, now=NOW)
    assert report.mail.mails == 1 and report.mail.alerts == 1
    (message,) = box.messages
    assert message["To"] == OWNER
    assert message["Subject"].startswith("[worldbrief] Kazakhstan: ")
    unsubscribe = message["List-Unsubscribe"]
    assert unsubscribe.startswith(f"<{BASE}/alerts/unsubscribe/") and unsubscribe.endswith(">")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text, html = parts(message)
    assert "Why: country KZ" in text and f"{BASE}/articles/kz-1/" in text
    assert "Why: country KZ" in html and "<img" not in html
    assert _states(platform, watched) == [DeliveryState.SENT]

    # Run again, and a pass with nothing new: nothing is sent twice.
    run_alert_pass(platform, now=NOW)
    assert run_alert_delivery(platform, now=NOW + timedelta(hours=1)).mail.mails == 0
    assert len(box.messages) == 1
    assert AlertDeliveryStore.alongside(platform.store).mailing_count() == 1


def test_quiet_hours_hold_immediate_mail_to_their_end_in_the_readers_time_zone(
    platform: Platform, mailbox: tuple[Mailbox, int]
) -> None:
    box, _ = mailbox
    set_reader_settings(platform, OWNER, time_zone="Asia/Almaty", quiet_hours="22:00-07:00")
    follow(platform, "Kazakhstan", countries=["KZ"], email="immediate")
    platform.store.upsert_articles([article("kz-1")])
    run_alert_pass(platform, now=NOW)

    night = NOW.replace(hour=19)  # 00:00 in Almaty (UTC+5)
    assert run_alert_delivery(platform, now=night).mail.held == 1
    assert run_alert_delivery(platform, now=night + timedelta(hours=6)).mail.mails == 0
    assert box.messages == []
    morning = night + timedelta(hours=7)  # 07:00 in Almaty: quiet hours over
    assert run_alert_delivery(platform, now=morning).mail.mails == 1
    assert len(box.messages) == 1


def test_a_bad_time_zone_or_quiet_hours_are_refused(platform: Platform) -> None:
    with pytest.raises(WatchlistInputError, match="time zone 'Mars/Olympus' is unknown"):
        set_reader_settings(platform, OWNER, time_zone="Mars/Olympus")
    with pytest.raises(WatchlistInputError, match="not HH:MM-HH:MM"):
        set_reader_settings(platform, OWNER, quiet_hours="late")
    with pytest.raises(WatchlistInputError, match="hours run 00-23"):
        set_reader_settings(platform, OWNER, quiet_hours="25:00-07:00")


def test_a_cooldown_gathers_a_busy_story_and_the_hourly_limit_folds_into_the_digest(
    tmp_path: Path, store_url: str, mailbox: tuple[Mailbox, int]
) -> None:
    box, port = mailbox
    limits = {"alert_immediate_per_hour": 2, "alert_cooldown_minutes": 15}
    with delivery_platform(tmp_path, store_url, port, **limits) as platform:
        follow(platform, "Kazakhstan", countries=["KZ"], email="immediate")
        follow(platform, "Central Asia", regions=["central-asia"], email="immediate")
        platform.store.upsert_articles([article("kz-1")])
        run_alert_pass(platform, now=NOW)
        assert run_alert_delivery(platform, now=NOW).mail.mails == 2

        later = NOW + timedelta(minutes=1)
        platform.store.upsert_articles([article("kz-2"), article("kz-3")])
        run_alert_pass(platform, now=later)
        cooled = run_alert_delivery(platform, now=later)
        assert cooled.mail.mails == 0 and cooled.mail.held == 4  # within both cooldowns

        # The cooldown is over, but two immediate mails went out this hour: folded.
        after = NOW + timedelta(minutes=16)
        folded = run_alert_delivery(platform, now=after)
        assert folded.mail.mails == 0 and folded.mail.folded == 4
        assert len(box.messages) == 2

        # The next daily digest (07:00 UTC, the default time zone) carries them in one mail.
        digest_time = (NOW + timedelta(days=1)).replace(hour=7)
        assert run_alert_delivery(platform, now=digest_time - timedelta(minutes=1)).mail.mails == 0
        digest = run_alert_delivery(platform, now=digest_time)
        assert digest.mail.mails == 1 and digest.mail.alerts == 4
        message = box.messages[-1]
        assert message["Subject"].startswith("[worldbrief] Daily digest: 4 alerts")
        text, _ = parts(message)
        assert "== Kazakhstan ==" in text and "== Central Asia ==" in text


def test_a_daily_digest_groups_by_watchlist_and_place_with_a_chart_of_the_week(
    platform: Platform, mailbox: tuple[Mailbox, int]
) -> None:
    box, _ = mailbox
    follow(platform, "Kazakhstan", countries=["KZ"])  # daily, the default
    days = [NOW - timedelta(days=d, hours=2) for d in (0, 1, 1, 3, 4)]
    platform.store.upsert_articles(
        [article(f"kz-{i}", published=when) for i, when in enumerate(days)]
    )
    run_alert_pass(platform, now=NOW)
    # Recorded at 12:00 UTC, after today's 07:00 digest: they wait for tomorrow's.
    assert run_alert_delivery(platform, now=NOW).mail.mails == 0
    tomorrow = (NOW + timedelta(days=1)).replace(hour=7)
    assert run_alert_delivery(platform, now=tomorrow).mail.mails == 1
    assert run_alert_delivery(platform, now=tomorrow + timedelta(hours=3)).mail.mails == 0
    (message,) = box.messages
    text, html = parts(message)
    assert "-- Kazakhstan" in text and "Alerts a day" in text
    assert "Alerts a day" in html and "background:#3b6ea5" in html
    assert "<img" not in html and "<script" not in html


def test_an_unsafe_title_is_escaped_in_the_html_part(
    platform: Platform, mailbox: tuple[Mailbox, int]
) -> None:
    box, _ = mailbox
    follow(platform, "<b>KZ</b>", countries=["KZ"], email="immediate")
    platform.store.upsert_articles([article("kz-1")])
    run_alert_pass(platform, now=NOW)
    run_alert_delivery(platform, now=NOW)
    _, html = parts(box.messages[0])
    assert "<b>KZ</b>" not in html and "&lt;b&gt;KZ&lt;/b&gt;" in html


def test_one_click_unsubscribe_turns_the_watchlists_email_off_without_sign_in(
    platform: Platform, mailbox: tuple[Mailbox, int]
) -> None:
    box, _ = mailbox
    watched = follow(platform, "Kazakhstan", countries=["KZ"], email="immediate")
    platform.store.upsert_articles([article("kz-1")])
    run_alert_pass(platform, now=NOW)
    run_alert_delivery(platform, now=NOW)
    link = box.messages[0]["List-Unsubscribe"].strip("<>")
    path = urlsplit(link).path
    with TestClient(create_app(platform.settings, platform)) as client:
        page = client.get(path)
        assert page.status_code == 200 and "Kazakhstan" in page.text
        assert page.headers["cache-control"] == "no-store"
        assert watchlists_of(platform).get(watched).delivery.email is EmailMode.IMMEDIATE  # type: ignore[union-attr]
        # What a mail client sends for List-Unsubscribe-Post (RFC 8058): no cookie, no token.
        done = client.post(
            path,
            content=b"List-Unsubscribe=One-Click",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert done.status_code == 200 and "no more emails" in done.text
        forged = client.post(path[:-3] + "AAA")
        assert forged.status_code == 404
        assert client.get("/alerts/unsubscribe/1.nope").status_code == 404
    assert watchlists_of(platform).get(watched).delivery.email is EmailMode.OFF  # type: ignore[union-attr]
    platform.store.upsert_articles([article("kz-2")])
    run_alert_pass(platform, now=NOW)
    assert run_alert_delivery(platform, now=NOW + timedelta(hours=1)).mail.mails == 0


def test_a_refused_mail_loses_nothing_and_is_sent_by_a_later_pass(
    tmp_path: Path, store_url: str, mailbox: tuple[Mailbox, int]
) -> None:
    box, port = mailbox
    with delivery_platform(tmp_path, store_url, free_port()) as platform:  # nothing listens
        watched = follow(platform, "Kazakhstan", countries=["KZ"], email="immediate")
        platform.store.upsert_articles([article("kz-1")])
        run_alert_pass(platform, now=NOW)
        assert run_alert_delivery(platform, now=NOW).mail.failed == 1
        assert _states(platform, watched) == [DeliveryState.PENDING]
    with delivery_platform(tmp_path, store_url, port) as platform:
        assert run_alert_delivery(platform, now=NOW + timedelta(minutes=6)).mail.mails == 1
        assert _states(platform, watched) == [DeliveryState.SENT]
    assert len(box.messages) == 1


def test_the_alert_settings_over_the_api(platform: Platform) -> None:
    accounts = service.accounts_of(platform)
    _, token = service.create_api_token(accounts, OWNER, "settings", actor="t")
    auth = {"Authorization": f"Bearer {token}"}
    with TestClient(create_app(platform.settings, platform)) as client:
        assert client.get("/api/alert-settings").status_code == 401
        assert client.get("/api/alert-settings", headers=auth).json() == {
            "time_zone": "UTC", "quiet_hours": "none"
        }  # fmt: skip
        wanted = {"time_zone": "Europe/Paris", "quiet_hours": "22:30-06:00"}
        changed = client.put("/api/alert-settings", headers=auth, json=wanted)
        assert changed.json() == wanted
        refused = client.put("/api/alert-settings", headers=auth, json={"time_zone": "Nowhere"})
        assert refused.status_code == 400 and "'Nowhere' is unknown" in refused.json()["detail"]
        kept = client.put("/api/alert-settings", headers=auth, json={"quiet_hours": "off"})
        assert kept.json() == {"time_zone": "Europe/Paris", "quiet_hours": "none"}


def test_alerts_that_cannot_go_never_crowd_out_those_that_can(
    platform: Platform, mailbox: tuple[Mailbox, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    box, _ = mailbox
    monkeypatch.setattr(alert_mail, "QUEUE_LIMIT", 1)  # one alert read a pass
    accounts = service.accounts_of(platform)
    service.create_account(accounts, "gone@example.org", "correct horse battery", "registered",
                           actor="t")  # fmt: skip
    gone = follow(platform, "gone", owner="gone@example.org", countries=["KZ"], email="immediate")
    kept = follow(platform, "Kazakhstan", countries=["KZ"], email="immediate")
    platform.store.upsert_articles([article("kz-1")])
    run_alert_pass(platform, now=NOW)
    (first,), (second,) = (watchlists_of(platform).alerts_of(w) for w in (gone, kept))
    assert first.id < second.id
    service.set_disabled(accounts, "gone@example.org", True, actor="t")
    # The disabled account's alert is the oldest; it is not what the one slot is spent on.
    assert run_alert_delivery(platform, now=NOW).mail.mails == 1
    assert [m["To"] for m in box.messages] == [OWNER]
