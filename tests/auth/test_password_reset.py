"""Password reset by email, end to end: a real local SMTP server receives the link we follow."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import timedelta
from email.message import Message
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from support.mailbox import Mailbox, free_port, running_mailbox
from worldbrief.config import Settings
from worldbrief.services import accounts as service
from worldbrief.services.password_reset import RESET_LIFETIME, issue_reset
from worldbrief.services.platform import Platform, open_platform
from worldbrief.services.sessions import now_utc, sessions_of
from worldbrief.web.app import create_app

from .conftest import ADMIN, PASSWORD, post_form

BASE_URL = "http://news.example.org"
NEW_PASSWORD = "a brand new passphrase, long enough"
_LINK = re.compile(re.escape(BASE_URL) + r"(/reset/[A-Za-z0-9_-]+)")


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    with running_mailbox() as running:
        yield running


def open_site(tmp_path: Path, store_url: str, **settings: object) -> Platform:
    chosen = Settings(data_dir=tmp_path / "data", database_url=store_url, base_url=BASE_URL,
                      **settings)  # type: ignore[arg-type]  # fmt: skip
    opened = open_platform(chosen)
    service.create_account(
        service.accounts_of(opened), "ann@example.org", PASSWORD, "registered", actor=ADMIN
    )
    return opened


@pytest.fixture
def site(
    tmp_path: Path, store_url: str, mailbox: tuple[Mailbox, int]
) -> Iterator[tuple[TestClient, Mailbox, Platform]]:
    box, port = mailbox
    platform = open_site(
        tmp_path, store_url, smtp_host="127.0.0.1", smtp_port=port, smtp_starttls=False
    )
    with TestClient(create_app(platform.settings, platform)) as client:
        yield client, box, platform
    platform.close()


def ask_reset(client: TestClient, email: str) -> httpx.Response:
    response = post_form(client, "/reset", "/reset", email=email)
    assert isinstance(response, httpx.Response)
    return response


def sign_in(client: TestClient, password: str) -> httpx.Response:
    response = post_form(client, "/login", "/login", email="ann@example.org", password=password)
    assert isinstance(response, httpx.Response)
    return response


def link_in(message: Message) -> str:
    body = message.get_payload(decode=True)
    assert isinstance(body, bytes)
    found = _LINK.search(body.decode())
    assert found, "the mail has no reset link on the site's base URL"
    return found[1]


def test_the_mailed_link_sets_a_new_password_and_ends_every_session(
    site: tuple[TestClient, Mailbox, Platform],
) -> None:
    client, box, platform = site
    elsewhere = TestClient(client.app)
    assert sign_in(elsewhere, PASSWORD).status_code == 303
    assert 'href="/reset"' in client.get("/login").text

    answer = ask_reset(client, "Ann@Example.org")
    assert answer.status_code == 200 and "If an account exists for that address" in answer.text
    assert len(box.messages) == 1 and box.messages[0]["To"] == "ann@example.org"
    path = link_in(box.messages[0])

    form = client.get(path)
    assert form.status_code == 200 and 'name="password_confirm"' in form.text
    done = post_form(client, path, path, password=NEW_PASSWORD, password_confirm=NEW_PASSWORD)
    assert isinstance(done, httpx.Response) and done.status_code == 200
    assert "Sign in with your new password" in done.text

    assert elsewhere.get("/account").status_code == 401
    assert sign_in(client, PASSWORD).status_code == 400
    assert sign_in(client, NEW_PASSWORD).status_code == 303
    again = client.get(path)
    assert again.status_code == 400 and "expired or was already used" in again.text
    actions = {e.action for e in service.accounts_of(platform).audit_events("ann@example.org")}
    assert {"password.reset.requested", "password.reset"} <= actions


def test_unknown_addresses_get_the_same_answer_and_a_note_without_a_link(
    site: tuple[TestClient, Mailbox, Platform],
) -> None:
    client, box, _ = site
    unknown = ask_reset(client, "nobody@example.org")
    known = ask_reset(client, "ann@example.org")
    assert unknown.status_code == known.status_code == 200
    assert unknown.text == known.text
    assert [m["To"] for m in box.messages] == ["nobody@example.org", "ann@example.org"]
    note = box.messages[0].get_payload(decode=True)
    assert isinstance(note, bytes) and "no account uses it" in note.decode()
    assert _LINK.search(note.decode()) is None
    link_in(box.messages[1])
    assert ask_reset(client, "not an email").status_code == 200
    assert len(box.messages) == 2  # nowhere to send one


def test_a_weak_or_mismatched_password_is_refused_and_the_link_still_works(
    site: tuple[TestClient, Mailbox, Platform],
) -> None:
    client, box, _ = site
    ask_reset(client, "ann@example.org")
    path = link_in(box.messages[0])
    weak = post_form(client, path, path, password="short", password_confirm="short")
    assert isinstance(weak, httpx.Response) and weak.status_code == 400
    assert "Password too short: 5 characters, at least 12" in weak.text
    other = post_form(client, path, path, password=NEW_PASSWORD, password_confirm=PASSWORD)
    assert isinstance(other, httpx.Response) and other.status_code == 400
    assert "does not match" in other.text
    assert sign_in(client, PASSWORD).status_code == 303
    assert client.get(path).status_code == 200


def test_forms_need_their_csrf_token(site: tuple[TestClient, Mailbox, Platform]) -> None:
    client, box, _ = site
    assert client.post("/reset", data={"email": "ann@example.org"}).status_code == 403
    assert box.messages == []


def test_an_expired_link_is_refused(site: tuple[TestClient, Mailbox, Platform]) -> None:
    client, _, platform = site
    issued_at = now_utc() - RESET_LIFETIME - timedelta(minutes=1)
    issued = issue_reset(sessions_of(platform), "ann@example.org", issued_at)
    assert issued.usable
    path = f"/reset/{issued.token}"
    assert "expired or was already used" in client.get(path).text
    late = post_form(client, "/reset", path, password=NEW_PASSWORD, password_confirm=NEW_PASSWORD)
    assert isinstance(late, httpx.Response) and late.status_code == 400
    assert sign_in(client, PASSWORD).status_code == 303


def test_requests_are_rate_limited_per_address(site: tuple[TestClient, Mailbox, Platform]) -> None:
    client, box, platform = site
    for _ in range(platform.settings.login_max_failures):
        assert ask_reset(client, "ann@example.org").status_code == 200
    limited = ask_reset(client, "ann@example.org")
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0
    assert len(box.messages) == platform.settings.login_max_failures


def test_a_failing_mail_server_is_logged_not_a_server_error(
    tmp_path: Path, store_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    platform = open_site(tmp_path, store_url, smtp_host="127.0.0.1", smtp_port=free_port())
    try:
        app = create_app(platform.settings, platform)
        with TestClient(app) as client, caplog.at_level(logging.ERROR):
            answer = ask_reset(client, "ann@example.org")
    finally:
        platform.close()
    assert answer.status_code == 200 and "If an account exists" in answer.text
    assert any("password-reset mail to ann@example.org not sent" in r.message
               for r in caplog.records)  # fmt: skip


def test_without_a_mail_server_the_page_says_resets_are_off(tmp_path: Path, store_url: str) -> None:
    platform = open_site(tmp_path, store_url)
    try:
        with TestClient(create_app(platform.settings, platform)) as client:
            page = client.get("/reset")
            refused = post_form(client, "/login", "/reset", email="ann@example.org")
    finally:
        platform.close()
    assert "not set up on this site" in page.text and "administrator" in page.text
    assert isinstance(refused, httpx.Response) and refused.status_code == 503
    assert "not set up on this site" in refused.text
