"""The desk in the browser: who gets in, the editor with its preview and suggestions, the
review page's decisions, and CSRF on every form."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from auth.conftest import csrf_of, post_form
from worldbrief.services.platform import Platform

from .conftest import EMAILS, PASSWORD

BODY = (
    "KYIV — Ukrainian and Turkish officials met to reopen the grain corridor through the "
    "Black Sea.\n\n**Insurance** was the sticking point.\n\n<script>alert('x')</script>\n"
)


def _sign_in(client: TestClient, role: str) -> None:
    response: Any = post_form(
        client, "/login", "/login", email=EMAILS[role], password=PASSWORD, next="/desk"
    )
    assert response.status_code == 303


def _submit(client: TestClient, page: str, url: str, fields: dict[str, str]) -> Any:
    """Like ``post_form``, for forms with a field named ``action``."""
    token = csrf_of(client.get(page).text)
    return client.post(url, data={"csrf_token": token, **fields}, follow_redirects=False)


def _draft_fields(**changes: str) -> dict[str, str]:
    fields = {
        "title": "Grain corridor talks resume",
        "body": BODY,
        "type": "dispatch",
        "teaser": "",
        "authors": "Ana Ruiz | Eurasia Analyst",
        "countries": "UA, TR",
        "access": "members",
        "media_url": "https://media.example.org/talks.mp3",
        "note": "",
        "action": "save",
    }
    return fields | changes


def test_anonymous_visitors_are_sent_to_sign_in(client: TestClient) -> None:
    response = client.get("/desk/new", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/desk/new"


@pytest.mark.parametrize("role", ["registered", "member"])
def test_readers_accounts_get_403(client: TestClient, role: str) -> None:
    _sign_in(client, role)
    assert client.get("/desk").status_code == 403
    assert client.get("/desk/new").status_code == 403


def test_analyst_writes_previews_saves_and_submits(client: TestClient) -> None:
    _sign_in(client, "analyst")
    preview: Any = _submit(client, "/desk/new", "/desk/new", _draft_fields(action="preview"))
    assert preview.status_code == 200
    assert "<strong>Insurance</strong>" in preview.text
    assert "<script>alert" not in preview.text
    assert "desk-suggestion" in preview.text  # the geotagger's countries

    saved: Any = _submit(client, "/desk/new", "/desk/new", _draft_fields())
    assert saved.status_code == 303
    page = saved.headers["location"]
    edit = client.get(page)
    assert "Grain corridor talks resume" in edit.text
    assert "UA, TR" in edit.text
    assert EMAILS["analyst"] in edit.text  # the revision history names who saved

    submitted: Any = _submit(client, page, page, _draft_fields(action="submit"))
    assert submitted.status_code == 303
    listing = client.get("/desk").text
    assert 'Submitted <span class="desk-count">(1)</span>' in listing
    assert client.get(page + "/review").status_code == 403


def test_bad_input_is_shown_on_the_form(client: TestClient) -> None:
    _sign_in(client, "analyst")
    bad: Any = _submit(client, "/desk/new", "/desk/new", _draft_fields(countries="UA, 123"))
    assert bad.status_code == 400
    assert "countries: each must be an ISO 3166 alpha-2 code" in bad.text


def test_forms_without_csrf_change_nothing(client: TestClient, platform: Platform) -> None:
    _sign_in(client, "editor")
    refused = client.post("/desk/new", data=_draft_fields(), follow_redirects=False)
    assert refused.status_code == 403
    assert client.get("/desk").text.count("/review") == 0
    saved: Any = _submit(client, "/desk/new", "/desk/new", _draft_fields())
    draft_page = saved.headers["location"]
    for action in ("publish", "schedule", "reject"):
        forged = client.post(f"{draft_page}/{action}", data={"note": "x"}, follow_redirects=False)
        assert forged.status_code == 403
    assert platform.store.count() == 0


def test_editor_sends_back_schedules_and_publishes(client: TestClient, platform: Platform) -> None:
    _sign_in(client, "editor")
    saved: Any = _submit(client, "/desk/new", "/desk/new", _draft_fields())
    review = saved.headers["location"] + "/review"
    page = client.get(review)
    assert page.status_code == 200
    assert "<strong>Insurance</strong>" in page.text

    sent: Any = post_form(client, review, review.replace("/review", "/reject"), note="Cite it.")
    assert sent.status_code == 303
    assert "sent back: Cite it." in client.get(review).text

    past: Any = post_form(
        client, review, review.replace("/review", "/schedule"), publish_at="2020-01-01T09:00"
    )
    assert past.status_code == 400
    assert "future" in past.text
    later: Any = post_form(
        client, review, review.replace("/review", "/schedule"), publish_at="2999-01-01T09:00"
    )
    assert later.status_code == 303
    assert "01 Jan 2999 09:00 UTC" in client.get(review).text

    published: Any = post_form(client, review, review.replace("/review", "/publish"))
    assert published.status_code == 303
    assert platform.store.count() == 1
    after = client.get(review).text
    assert "Republish now" in after
    token = csrf_of(after)
    assert token
