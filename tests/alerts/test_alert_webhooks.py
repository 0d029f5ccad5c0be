"""Alert webhooks against a real HTTP server on 127.0.0.1: signed JSON POSTs a receiver can
verify, retries with a doubling wait, disabled after repeated failures with the reason shown
(CLI list, API), enabled again, and the safe-fetch rules. On both databases."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from alerts.conftest import NOW, OWNER, article
from alerts.delivery_support import BASE, delivery_platform, follow
from support.local_http_server import LocalServer, Reply
from support.mailbox import free_port
from worldbrief.cli.main import app as cli
from worldbrief.domain.watchlists import DeliveryState
from worldbrief.services import accounts as service
from worldbrief.services.alert_delivery import run_alert_delivery
from worldbrief.services.alerts import run_alert_pass
from worldbrief.services.platform import Platform
from worldbrief.services.watchlists import watchlists_of
from worldbrief.services.webhook_status import enable_webhook, secret_of, webhook_states
from worldbrief.web.app import create_app

OK = Reply(b"", 204, None)
BROKEN = Reply(b"down for maintenance", 500, "text/plain")


@pytest.fixture
def receiver() -> Iterator[LocalServer]:
    server = LocalServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def platform(tmp_path: Path, store_url: str) -> Iterator[Platform]:
    limits = {"webhook_max_failures": 3, "webhook_retry_seconds": 60}
    with delivery_platform(tmp_path, store_url, free_port(), **limits) as opened:
        yield opened


def _posts(server: LocalServer) -> list[bytes]:
    return [r.body for r in server.requests if r.method == "POST"]


def test_an_alert_is_posted_once_signed_over_timestamp_and_body(
    platform: Platform, receiver: LocalServer
) -> None:
    url = receiver.reply("/hook", OK)
    watched = follow(platform, "Kazakhstan", countries=["KZ"], email="off", webhook=url)
    platform.store.upsert_articles([article("kz-1")])
    run_alert_pass(platform, now=NOW)

    report = run_alert_delivery(platform, now=NOW)
    assert report.webhooks.delivered == 1 and report.mail.mails == 0
    (request,) = receiver.requests
    assert request.method == "POST" and request.headers["Content-Type"] == "application/json"
    # What a receiver does: recompute the MAC over "timestamp.body" and compare in constant time.
    secret = secret_of(platform, watched)
    assert secret is not None and secret.startswith("whsec_")
    stamp = request.headers["X-Worldbrief-Timestamp"]
    expected = hmac.new(secret.encode(), stamp.encode() + b"." + request.body, hashlib.sha256)
    assert hmac.compare_digest(
        request.headers["X-Worldbrief-Signature"], "sha256=" + expected.hexdigest()
    )
    body = json.loads(request.body)
    assert body["type"] == "alert" and body["watchlist"] == {"id": watched, "name": "Kazakhstan"}
    assert body["why"] == "country KZ" and body["url"].startswith(f"{BASE}/articles/kz-1/")
    assert request.headers["X-Worldbrief-Delivery"] == str(body["id"])
    (alert,) = watchlists_of(platform).alerts_of(watched)
    assert alert.webhook is DeliveryState.SENT

    run_alert_pass(platform, now=NOW)
    assert run_alert_delivery(platform, now=NOW + timedelta(hours=1)).webhooks.delivered == 0
    assert len(receiver.requests) == 1


def test_a_failing_receiver_is_retried_with_a_doubling_wait(
    platform: Platform, receiver: LocalServer
) -> None:
    url = receiver.reply("/hook", BROKEN)
    watched = follow(platform, "Kazakhstan", countries=["KZ"], email="off", webhook=url)
    platform.store.upsert_articles([article("kz-1"), article("kz-2")])
    run_alert_pass(platform, now=NOW)

    first = run_alert_delivery(platform, now=NOW)
    assert first.webhooks.failed == 1 and len(_posts(receiver)) == 1  # the second waits too
    assert webhook_states(platform, watchlists_of(platform).list_watchlists()) == {
        watched: "failing (1 in a row): the receiver answered HTTP 500 Internal Server Error"
    }
    assert run_alert_delivery(platform, now=NOW + timedelta(seconds=59)).webhooks.failed == 0
    assert run_alert_delivery(platform, now=NOW + timedelta(seconds=60)).webhooks.failed == 1
    # Second attempt of the first alert failed: it waits 120 s now.
    later = NOW + timedelta(seconds=60 + 119)
    assert run_alert_delivery(platform, now=later).webhooks.failed == 0
    receiver.reply("/hook", OK)
    done = run_alert_delivery(platform, now=later + timedelta(seconds=1))
    assert done.webhooks.delivered == 2 and len(_posts(receiver)) == 4
    assert webhook_states(platform, watchlists_of(platform).list_watchlists()) == {
        watched: "working"
    }


def test_a_webhook_is_disabled_after_repeated_failures_shown_and_enabled_again(
    platform: Platform, receiver: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = receiver.reply("/hook", BROKEN)
    watched = follow(platform, "Kazakhstan", countries=["KZ"], email="off", webhook=url)
    platform.store.upsert_articles([article("kz-1")])
    run_alert_pass(platform, now=NOW)
    moment = NOW
    disabled = 0
    for _ in range(3):  # webhook_max_failures
        disabled += run_alert_delivery(platform, now=moment).webhooks.disabled
        moment += timedelta(hours=7)  # past any wait
    assert disabled == 1
    state = webhook_states(platform, [watchlists_of(platform).get(watched)])[watched]  # type: ignore[list-item]
    assert state == (
        "disabled: 3 consecutive failures; the last: the receiver answered HTTP 500 "
        "Internal Server Error"
    )
    assert run_alert_delivery(platform, now=moment).webhooks.failed == 0
    assert len(_posts(receiver)) == 3

    # Shown where the owner looks: the CLI list and the API.
    monkeypatch.setenv("WORLDBRIEF_DATA_DIR", str(platform.settings.data_dir))
    monkeypatch.setenv("WORLDBRIEF_DATABASE_URL", platform.settings.resolved_database_url)
    listed = CliRunner().invoke(cli, ["watchlists", "list"], env={"COLUMNS": "400"})
    assert listed.exit_code == 0 and "disabled: 3 consecutive failures" in listed.output
    accounts = service.accounts_of(platform)
    _, token = service.create_api_token(accounts, OWNER, "hooks", actor="t")
    auth = {"Authorization": f"Bearer {token}"}
    with TestClient(create_app(platform.settings, platform)) as client:
        (shown,) = client.get("/api/watchlists", headers=auth).json()
        assert shown["webhook_state"].startswith("disabled: 3 consecutive failures")
        secret = client.get(f"/api/watchlists/{watched}/webhook-secret", headers=auth).json()
        assert secret == {"secret": secret_of(platform, watched)}
        assert client.get("/api/watchlists/999/webhook-secret", headers=auth).status_code == 404
        receiver.reply("/hook", OK)
        enabled = client.post(f"/api/watchlists/{watched}/webhook-enable", headers=auth)
        assert enabled.status_code == 204
    assert run_alert_delivery(platform, now=moment).webhooks.delivered == 1
    assert enable_webhook(platform, 999) is False


def test_the_safe_fetch_rules_apply_to_every_attempt(
    tmp_path: Path, store_url: str, receiver: LocalServer
) -> None:
    url = receiver.reply("/hook", OK)
    with delivery_platform(tmp_path, store_url, free_port()) as platform:  # private allowed
        follow(platform, "Kazakhstan", countries=["KZ"], email="off", webhook=url)
        platform.store.upsert_articles([article("kz-1")])
        run_alert_pass(platform, now=NOW)
    with delivery_platform(tmp_path, store_url, free_port(), fetch_allow_private=False) as strict:
        assert run_alert_delivery(strict, now=NOW).webhooks.failed == 1
        (state,) = webhook_states(strict, watchlists_of(strict).list_watchlists()).values()
        assert "127.0.0.1 is a loopback address" in state
    assert receiver.requests == []


def test_a_redirect_is_a_failure_not_followed(platform: Platform, receiver: LocalServer) -> None:
    elsewhere = receiver.reply("/elsewhere", OK)
    url = receiver.reply("/hook", Reply(b"", 307, None, {"Location": elsewhere}))
    follow(platform, "Kazakhstan", countries=["KZ"], email="off", webhook=url)
    platform.store.upsert_articles([article("kz-1")])
    run_alert_pass(platform, now=NOW)
    assert run_alert_delivery(platform, now=NOW).webhooks.failed == 1
    assert [r.path for r in receiver.requests] == ["/hook"]
