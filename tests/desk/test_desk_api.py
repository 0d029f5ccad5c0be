"""The desk API: every write endpoint checks the role; the workflow through HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from worldbrief.services.platform import Platform

DRAFT = {
    "title": "Grain corridor talks resume",
    "body": "KYIV — Ukrainian and Turkish officials met to reopen the Black Sea grain corridor.",
    "type": "dispatch",
    "authors": [{"name": "Ana Ruiz", "role": "Eurasia Analyst"}],
    "countries": ["UA"],
    "access": "members",
    "media_url": "https://media.example.org/talks.mp3",
}


def _create(client: TestClient, auth: str) -> int:
    response = client.post("/api/desk/drafts", json=DRAFT, headers={"Authorization": auth})
    assert response.status_code == 201, response.text
    draft_id: int = response.json()["id"]
    return draft_id


def _submit(client: TestClient, auth: str, draft_id: int) -> None:
    response = client.post(f"/api/desk/drafts/{draft_id}/submit", headers={"Authorization": auth})
    assert response.status_code == 200, response.text


def _future() -> str:
    return (datetime.now(UTC) + timedelta(days=1)).isoformat()


# (method, path template, body, roles allowed on an analyst's submitted draft)
WRITES: list[tuple[str, str, dict[str, Any] | None, set[str]]] = [
    ("POST", "/api/desk/drafts", DRAFT, {"analyst", "editor", "admin"}),
    ("PUT", "/api/desk/drafts/{id}", DRAFT, {"analyst", "editor", "admin"}),
    ("POST", "/api/desk/drafts/{id}/reject", {"note": "Needs sources."}, {"editor", "admin"}),
    ("POST", "/api/desk/drafts/{id}/schedule", {"publish_at": "FUTURE"}, {"editor", "admin"}),
    ("POST", "/api/desk/drafts/{id}/publish", None, {"editor", "admin"}),
    ("POST", "/api/desk/suggest-countries", {"title": "Kyiv", "body": ""},
     {"analyst", "editor", "admin"}),
]  # fmt: skip


@pytest.mark.parametrize(("method", "path", "body", "allowed"), WRITES)
def test_every_write_endpoint_checks_the_role(
    client: TestClient,
    tokens: dict[str, str],
    method: str,
    path: str,
    body: dict[str, Any] | None,
    allowed: set[str],
) -> None:
    def call(auth: str | None, draft_id: int) -> int:
        payload = body
        if payload and payload.get("publish_at") == "FUTURE":
            payload = {"publish_at": _future()}
        headers = {"Authorization": auth} if auth else {}
        url = path.format(id=draft_id)
        status: int = client.request(method, url, json=payload, headers=headers).status_code
        return status

    draft_id = _create(client, tokens["analyst"])
    _submit(client, tokens["analyst"], draft_id)
    assert call(None, draft_id) == 401
    assert call("Bearer wb_notatoken_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", draft_id) == 401
    for role in ("registered", "member"):
        assert call(tokens[role], draft_id) == 403, role
    # Another analyst's draft is not theirs to change.
    if "analyst" in allowed and "{id}" in path:
        assert call(tokens["other_analyst"], draft_id) == 403
    for role in ("analyst", "editor", "admin"):
        fresh = _create(client, tokens["analyst"])
        client.post(
            f"/api/desk/drafts/{fresh}/submit", headers={"Authorization": tokens["analyst"]}
        )
        expected = "allowed" if role in allowed else "refused"
        status = call(tokens[role], fresh)
        got = "allowed" if status in (200, 201) else "refused" if status == 403 else str(status)
        assert got == expected, (role, status)


def test_submit_is_for_the_writer_or_an_editor(client: TestClient, tokens: dict[str, str]) -> None:
    draft_id = _create(client, tokens["analyst"])
    url = f"/api/desk/drafts/{draft_id}/submit"
    assert client.post(url).status_code == 401
    assert client.post(url, headers={"Authorization": tokens["member"]}).status_code == 403
    assert client.post(url, headers={"Authorization": tokens["other_analyst"]}).status_code == 403
    response = client.post(url, headers={"Authorization": tokens["analyst"]})
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"


def test_workflow_through_the_api(
    client: TestClient, tokens: dict[str, str], platform: Platform
) -> None:
    analyst = {"Authorization": tokens["analyst"]}
    editor = {"Authorization": tokens["editor"]}
    draft_id = _create(client, tokens["analyst"])
    client.post(f"/api/desk/drafts/{draft_id}/submit", headers=analyst)
    sent_back = client.post(
        f"/api/desk/drafts/{draft_id}/reject", json={"note": "Add a source."}, headers=editor
    ).json()
    assert (sent_back["status"], sent_back["note"]) == ("draft", "Add a source.")

    listed = client.get("/api/desk/drafts?status=draft", headers=analyst).json()["drafts"]
    assert [d["id"] for d in listed] == [draft_id]
    assert client.get("/api/desk/drafts?mine=true", headers=editor).json()["drafts"] == []

    published = client.post(f"/api/desk/drafts/{draft_id}/publish", headers=editor).json()
    assert published["status"] == "published"
    article = client.get(f"/api/articles/{published['article_id']}").json()
    assert article["access"] == "members"
    assert "UA" in {c["code"] for c in article["countries"]}

    full = client.get(f"/api/desk/drafts/{draft_id}", headers=analyst).json()
    assert [(r["saved_by"], r["note"]) for r in full["revisions"]] == [
        ("ana@example.org", "created"),
        ("ana@example.org", "submitted for review"),
        ("ed@example.org", "sent back: Add a source."),
        ("ed@example.org", "published"),
    ]


def test_bad_input_is_named(client: TestClient, tokens: dict[str, str]) -> None:
    auth = {"Authorization": tokens["analyst"]}
    bad = client.post("/api/desk/drafts", json=DRAFT | {"countries": ["ZZZ"]}, headers=auth)
    assert bad.status_code == 422
    detail = bad.json()["detail"]
    assert "countries" in detail and "ZZZ" not in detail  # named, never repeated
    missing = client.get("/api/desk/drafts/999", headers=auth)
    assert missing.status_code == 404
    editor = {"Authorization": tokens["editor"]}
    draft_id = _create(client, tokens["analyst"])
    past = {"publish_at": "2020-01-01T00:00:00Z"}
    late = client.post(f"/api/desk/drafts/{draft_id}/schedule", json=past, headers=editor)
    assert late.status_code == 422
    assert "future" in late.json()["detail"]


def test_a_step_the_drafts_status_does_not_allow_is_a_conflict(
    client: TestClient, tokens: dict[str, str]
) -> None:
    analyst, editor = {"Authorization": tokens["analyst"]}, {"Authorization": tokens["editor"]}
    draft_id = _create(client, tokens["analyst"])
    assert client.post(f"/api/desk/drafts/{draft_id}/submit", headers=analyst).status_code == 200
    again = client.post(f"/api/desk/drafts/{draft_id}/submit", headers=analyst)
    assert again.status_code == 409
    assert "not a draft to submit" in again.json()["detail"]
    published = client.post(f"/api/desk/drafts/{draft_id}/publish", headers=editor)
    assert published.status_code == 200
    note = {"note": "Too late."}
    late = client.post(f"/api/desk/drafts/{draft_id}/reject", json=note, headers=editor)
    assert late.status_code == 409


def test_suggest_countries(client: TestClient, tokens: dict[str, str]) -> None:
    text = {"title": "Talks in Kyiv", "body": "Ukrainian and Turkish officials met in Kyiv."}
    response = client.post(
        "/api/desk/suggest-countries", json=text, headers={"Authorization": tokens["analyst"]}
    )
    assert response.status_code == 200
    assert response.json()["countries"][0]["code"] == "UA"
