"""Ids a database cannot hold (past 64 bits, zero, negative) are "not found" or "not valid",
never a server error, on every route that takes a draft or token id."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from auth.conftest import csrf_of, post_form

from .conftest import EMAILS, PASSWORD

HUGE = str(2**64 + 1)
OUT_OF_RANGE = [HUGE, str(2**63), "0", "-1", "9" * 40]


@pytest.mark.parametrize("draft_id", OUT_OF_RANGE)
def test_the_desk_api_answers_out_of_range_ids_with_json(
    client: TestClient, tokens: dict[str, str], draft_id: str
) -> None:
    auth = {"Authorization": tokens["editor"]}
    body = {"title": "T", "body": "B", "note": "n", "publish_at": "2099-01-01T00:00:00Z"}
    calls = [
        ("GET", ""), ("PUT", ""), ("POST", "/submit"), ("POST", "/reject"),
        ("POST", "/schedule"), ("POST", "/publish"),
    ]  # fmt: skip
    for method, suffix in calls:
        url = f"/api/desk/drafts/{draft_id}{suffix}"
        response = client.request(method, url, json=body, headers=auth)
        assert response.status_code in (404, 422), (method, url, response.status_code)
        assert response.headers["content-type"].startswith("application/json")
        assert "detail" in response.json()


def test_the_openapi_document_states_the_id_range(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    parameters = spec["paths"]["/api/desk/drafts/{draft_id}"]["get"]["parameters"]
    draft_id = next(p for p in parameters if p["name"] == "draft_id")
    assert draft_id["schema"]["minimum"] == 1
    assert draft_id["schema"]["maximum"] == 2**63 - 1


@pytest.mark.parametrize("draft_id", OUT_OF_RANGE)
def test_desk_pages_answer_out_of_range_ids_without_a_server_error(
    client: TestClient, draft_id: str
) -> None:
    signed: Any = post_form(
        client, "/login", "/login", email=EMAILS["editor"], password=PASSWORD, next="/desk"
    )
    assert signed.status_code == 303
    token = csrf_of(client.get("/desk/new").text)
    for path in (f"/desk/{draft_id}", f"/desk/{draft_id}/review"):
        assert client.get(path).status_code == 404, path
    for suffix in ("", "/publish", "/schedule", "/reject"):
        data = {"csrf_token": token, "title": "T", "body": "B", "note": "n",
                "publish_at": "2099-01-01T00:00"}  # fmt: skip
        response = client.post(f"/desk/{draft_id}{suffix}", data=data, follow_redirects=False)
        assert response.status_code == 404, suffix


@pytest.mark.parametrize("token_id", OUT_OF_RANGE)
def test_revoking_an_out_of_range_token_id_is_not_found(client: TestClient, token_id: str) -> None:
    signed: Any = post_form(client, "/login", "/login", email=EMAILS["analyst"], password=PASSWORD)
    assert signed.status_code == 303
    token = csrf_of(client.get("/account").text)
    response = client.post(
        f"/account/tokens/{token_id}/revoke", data={"csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 404
