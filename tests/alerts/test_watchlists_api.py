"""``/api/watchlists`` with an account's token, and each watchlist's private Atom feed: bad
values are a 400 naming them, another account's watchlist is a 404, and a feed never carries
the body of a members-only article to a reader who may not read it. On both databases."""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from alerts.conftest import NOW, article, protest
from worldbrief.domain import AccessLevel
from worldbrief.services import accounts as service
from worldbrief.services.alerts import run_alert_pass
from worldbrief.services.platform import Platform
from worldbrief.web.app import create_app

ATOM = "{http://www.w3.org/2005/Atom}"
LOCKED_BODY = "Title\n\nOnly members read that gas prices doubled in Aktau."


@pytest.fixture
def client(platform: Platform) -> Iterator[TestClient]:
    with TestClient(create_app(platform.settings, platform)) as test_client:
        yield test_client


def _token(platform: Platform, email: str) -> dict[str, str]:
    accounts = service.accounts_of(platform)
    if accounts.get_account(email) is None:
        service.create_account(accounts, email, "correct horse battery", "registered", actor="t")
    _, plaintext = service.create_api_token(accounts, email, "watchlists", actor="t")
    return {"Authorization": f"Bearer {plaintext}"}


def test_create_list_feed_and_delete_through_the_api(
    platform: Platform, client: TestClient
) -> None:
    ana = _token(platform, "ana@example.org")
    made = client.post(
        "/api/watchlists",
        json={"name": "Kazakhstan", "countries": ["kz"], "email": "off"},
        headers=ana,
    )
    assert made.status_code == 201, made.text
    watchlist = made.json()
    assert watchlist["countries"] == ["KZ"] and watchlist["follows"] == "article"
    events = client.post(
        "/api/watchlists", json={"name": "Protests", "event_types": ["Protests"]}, headers=ana
    )
    assert events.json()["follows"] == "event"
    assert [w["name"] for w in client.get("/api/watchlists", headers=ana).json()] == [
        "Kazakhstan",
        "Protests",
    ]

    issued = client.post(f"/api/watchlists/{watchlist['id']}/atom-token", headers=ana)
    assert issued.status_code == 201
    path = issued.json()["feed_url"].split("://", 1)[1].split("/", 1)[1]
    platform.store.upsert_articles(
        [
            article("open", protest(), text="Title\n\nProtesters gathered over gas prices."),
            article("locked", text=LOCKED_BODY, access=AccessLevel.MEMBERS),
        ]
    )
    run_alert_pass(platform, now=NOW)
    feed = client.get(f"/{path}")
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("application/atom+xml")
    assert feed.headers["cache-control"] == "private, no-store"
    entries = ET.fromstring(feed.content).findall(f"{ATOM}entry")
    assert len(entries) == 2
    summaries = [e.findtext(f"{ATOM}summary") or "" for e in entries]
    assert all(s.startswith("Why: country KZ.") for s in summaries)
    contents = {e.findtext(f"{ATOM}title"): e.findtext(f"{ATOM}content") for e in entries}
    assert "doubled" not in (contents["Title of locked"] or "")  # a registered reader's feed
    assert "gas prices" in (contents["Title of open"] or "")
    assert "doubled" not in feed.text

    assert (
        client.delete(f"/api/watchlists/{watchlist['id']}/atom-token", headers=ana).status_code
        == 204
    )
    assert client.get(f"/{path}").status_code == 404
    assert client.delete(f"/api/watchlists/{watchlist['id']}", headers=ana).status_code == 204
    assert client.delete(f"/api/watchlists/{watchlist['id']}", headers=ana).status_code == 404


def test_the_api_names_bad_values_and_keeps_accounts_apart(
    platform: Platform, client: TestClient
) -> None:
    ana = _token(platform, "ana@example.org")
    bob = _token(platform, "bob@example.org")
    bad = client.post("/api/watchlists", json={"name": "x", "countries": ["XX"]}, headers=ana)
    assert bad.status_code == 400 and "unknown country" in bad.json()["detail"]
    hook = client.post(
        "/api/watchlists",
        json={"name": "x", "countries": ["KZ"], "webhook": "http://169.254.169.254/latest"},
        headers=ana,
    )
    assert hook.status_code == 400 and "refused" in hook.json()["detail"]
    assert client.get("/api/watchlists").status_code == 401
    made = client.post("/api/watchlists", json={"name": "KZ", "countries": ["KZ"]}, headers=ana)
    other = made.json()["id"]
    assert client.get("/api/watchlists", headers=bob).json() == []
    assert client.delete(f"/api/watchlists/{other}", headers=bob).status_code == 404
    assert client.post(f"/api/watchlists/{other}/atom-token", headers=bob).status_code == 404
    assert client.get("/feeds/watchlists/not-a-token.atom").status_code == 404
