"""Sign-up and password reset tell no one whether an address has an account: the same status,
the same page and the same work in the store for a known and an unknown address (asserted on
the statements the store runs, not on timings), with mail sent after the response.
Sign-up is also rate limited per client and per email."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.engine import Engine

from support.mailbox import Mailbox, running_mailbox, text_of
from worldbrief.config import Settings
from worldbrief.jobs.runner import JOB_THREAD_NAME as JOB_THREAD
from worldbrief.services import accounts as service
from worldbrief.services.platform import Platform, open_platform
from worldbrief.web.app import create_app

from .conftest import ADMIN, PASSWORD, post_form

BASE_URL = "http://news.example.org"
KNOWN = "ann@example.org"
NEW_PASSWORD = "the newcomer's own passphrase"
_CONFIRM_LINK = re.compile(re.escape(BASE_URL) + r"(/signup/confirm/[A-Za-z0-9_-]+)")


@contextmanager
def store_statements(engine: Engine) -> Iterator[list[str]]:
    """Every SQL statement the store sends for requests while the block runs, parameters left
    out; the scheduled jobs' own thread (index catch-up, due drafts) is not the request's work."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if threading.current_thread().name != JOB_THREAD:
            seen.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


@contextmanager
def site(tmp_path: Path, store_url: str, mail_port: int | None) -> Iterator[Platform]:
    mail = {"smtp_host": "127.0.0.1", "smtp_port": mail_port, "smtp_starttls": False}
    settings = Settings(data_dir=tmp_path / "data", database_url=store_url, base_url=BASE_URL,
                        **(mail if mail_port else {}))  # type: ignore[arg-type]  # fmt: skip
    platform = open_platform(settings)
    service.create_account(service.accounts_of(platform), KNOWN, PASSWORD, "registered",
                           actor=ADMIN)  # fmt: skip
    try:
        yield platform
    finally:
        platform.close()


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    with running_mailbox() as running:
        yield running


def _post(client: TestClient, page: str, action: str, **fields: str) -> httpx.Response:
    response = post_form(client, page, action, **fields)
    assert isinstance(response, httpx.Response)
    return response


def _sign_up(
    client: TestClient, platform: Platform, email: str
) -> tuple[httpx.Response, list[str]]:
    page = client.get("/signup").text  # outside the recording: only the POST's work counts
    assert "csrf_token" in page
    with store_statements(platform.store.engine) as statements:
        response = _post(client, "/signup", "/signup", email=email, password=NEW_PASSWORD)
    return response, statements


def _alike(
    first: httpx.Response, first_email: str, second: httpx.Response, second_email: str
) -> None:
    assert first.status_code == second.status_code == 200
    assert first.text.replace(first_email, "X") == second.text.replace(second_email, "X")
    cookies = [first.headers.get_list("set-cookie"), second.headers.get_list("set-cookie")]
    assert cookies == [[], []]  # no one is signed in by a sign-up request


def _sign_in(client: TestClient, email: str, password: str) -> int:
    return _post(client, "/login", "/login", email=email, password=password).status_code


def test_without_mail_sign_up_answers_alike_and_does_the_same_work(
    tmp_path: Path, store_url: str
) -> None:
    with site(tmp_path, store_url, None) as platform, \
            TestClient(create_app(platform.settings, platform)) as client:  # fmt: skip
        new, new_work = _sign_up(client, platform, "bob@example.org")
        known, known_work = _sign_up(client, platform, KNOWN)
        _alike(new, "bob@example.org", known, KNOWN)
        assert new_work == known_work and any("INSERT" in s for s in new_work)
        # The new address got its account; the known one kept its password.
        assert _sign_in(TestClient(client.app), "bob@example.org", NEW_PASSWORD) == 303
        assert _sign_in(TestClient(client.app), KNOWN, NEW_PASSWORD) == 400
        assert _sign_in(TestClient(client.app), KNOWN, PASSWORD) == 303
        actions = [e.action for e in service.accounts_of(platform).audit_events(KNOWN)]
        assert "signup.repeated" in actions and actions.count("account.created") == 1


def test_with_mail_a_new_address_confirms_by_link_and_a_known_one_gets_a_note(
    tmp_path: Path, store_url: str, mailbox: tuple[Mailbox, int]
) -> None:
    box, port = mailbox
    with site(tmp_path, store_url, port) as platform, \
            TestClient(create_app(platform.settings, platform)) as client:  # fmt: skip
        new, new_work = _sign_up(client, platform, "bob@example.org")
        known, known_work = _sign_up(client, platform, KNOWN)
        _alike(new, "bob@example.org", known, KNOWN)
        assert "Check your inbox" in new.text
        assert new_work == known_work and any("INSERT" in s for s in new_work)
        assert [m["To"] for m in box.messages] == ["bob@example.org", KNOWN]
        assert _CONFIRM_LINK.search(text_of(box.messages[1])) is None
        assert "already has one" in text_of(box.messages[1])
        # Nothing exists until the link is followed.
        assert service.accounts_of(platform).get_account("bob@example.org") is None

        found = _CONFIRM_LINK.search(text_of(box.messages[0]))
        assert found
        link = found[1]
        page = client.get(link)
        assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
        assert service.accounts_of(platform).get_account("bob@example.org") is None
        confirmed = _post(client, link, link)
        assert confirmed.status_code == 303 and confirmed.headers["location"] == "/account"
        assert "bob@example.org" in client.get("/account").text
        assert client.get(link).status_code == 400  # it works once
        assert _sign_in(TestClient(client.app), "bob@example.org", NEW_PASSWORD) == 303
        assert _sign_in(TestClient(client.app), KNOWN, PASSWORD) == 303


def test_sign_up_is_limited_per_client_and_per_email(tmp_path: Path, store_url: str) -> None:
    with site(tmp_path, store_url, None) as platform:
        limit = platform.settings.login_max_failures
        app = create_app(platform.settings, platform)
        with TestClient(app) as client:
            answers = [_post(client, "/signup", "/signup", email=f"user{n}@example.org",
                             password=NEW_PASSWORD).status_code for n in range(20)]  # fmt: skip
        assert answers[:limit] == [200] * limit and set(answers[limit:]) == {429}
        per_email = []
        for n in range(limit + 1):
            with TestClient(app, client=(f"198.51.100.{n + 1}", 40000)) as elsewhere:
                per_email.append(_post(elsewhere, "/signup", "/signup", email="carol@example.org",
                                       password=NEW_PASSWORD).status_code)  # fmt: skip
        assert per_email == [200] * limit + [429]


def test_reset_requests_do_the_same_work_and_each_queue_one_mail(
    tmp_path: Path, store_url: str, mailbox: tuple[Mailbox, int]
) -> None:
    box, port = mailbox
    with site(tmp_path, store_url, port) as platform, \
            TestClient(create_app(platform.settings, platform)) as client:  # fmt: skip
        works, answers = [], []
        for email in (KNOWN, "nobody@example.org"):
            client.get("/reset")
            with store_statements(platform.store.engine) as statements:
                answers.append(_post(client, "/reset", "/reset", email=email))
            works.append(statements)
        assert works[0] == works[1] and any("INSERT INTO password_resets" in s for s in works[0])
        assert answers[0].status_code == answers[1].status_code == 200
        assert answers[0].text == answers[1].text
        assert [m["To"] for m in box.messages] == [KNOWN, "nobody@example.org"]
