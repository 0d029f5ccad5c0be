"""The JSON API with `Authorization: Bearer wb_...`: members read everything, others the teaser,
bad tokens are refused, and editors may write."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from worldbrief.config import Settings
from worldbrief.domain import AccessLevel, Article
from worldbrief.services import accounts as service
from worldbrief.services.demo import load_demo_if_empty
from worldbrief.services.platform import Platform, open_platform
from worldbrief.store import ArticleFilter
from worldbrief.web.app import create_app

PASSWORD = "correct horse battery staple"
WRITE_TOKEN = "shared-write-token"
ADMIN = "cli:root"
# A word of the Fergana analysis that its teaser never uses.
BODY_WORD = "Toktogul"


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    data_dir: Path = tmp_path_factory.mktemp("bearer") / "data"
    opened = open_platform(Settings(data_dir=data_dir, api_write_token=WRITE_TOKEN))
    report = load_demo_if_empty(opened)
    assert report is not None and not report.rejected
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def client(platform: Platform) -> Iterator[TestClient]:
    with TestClient(create_app(platform.settings, platform)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def tokens(platform: Platform) -> dict[str, str]:
    """Plaintext tokens by who holds them."""
    accounts = service.accounts_of(platform)
    service.add_plan(accounts, "monthly", "Monthly", price="9.00", currency="USD",
                     period="month", actor=ADMIN)  # fmt: skip
    held: dict[str, str] = {}
    holders = [("member", "registered"), ("registered", "registered"), ("analyst", "analyst"),
               ("editor", "editor"), ("revoked", "admin")]  # fmt: skip
    for who, role in holders:
        email = f"{who}@example.org"
        service.create_account(accounts, email, PASSWORD, role, actor=ADMIN)
        token, held[who] = service.create_api_token(accounts, email, "api", actor=ADMIN)
        if who == "revoked":
            service.revoke_api_token(accounts, token.id, actor=ADMIN)
    service.grant_subscription(accounts, "member@example.org", "monthly", 30, actor=ADMIN)
    return held


@pytest.fixture(scope="module")
def fergana(platform: Platform) -> Article:
    _, locked = platform.store.list_articles(ArticleFilter(access="members", limit=100))
    article = next(a for a in locked if "Fergana" in a.title)
    assert BODY_WORD in article.body and BODY_WORD not in article.teaser
    return article


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_members_token_unlocks_the_article(
    client: TestClient, tokens: dict[str, str], fergana: Article
) -> None:
    assert fergana.access is AccessLevel.MEMBERS
    url = f"/api/articles/{fergana.id}"
    member = client.get(url, headers=bearer(tokens["member"])).json()
    assert member["locked"] is False and BODY_WORD in member["body"]
    for headers in ({}, bearer(tokens["registered"])):
        locked = client.get(url, headers=headers)
        assert locked.status_code == 200
        assert locked.json()["locked"] is True and BODY_WORD not in locked.text


def test_a_members_token_unlocks_search_snippets(
    client: TestClient, tokens: dict[str, str], fergana: Article
) -> None:
    def hits(headers: dict[str, str]) -> dict[str, str]:
        found = client.get("/api/search", params={"q": BODY_WORD}, headers=headers).json()["hits"]
        return {h["id"]: h["snippet_html"] for h in found}

    assert f"<mark>{BODY_WORD}</mark>" in hits(bearer(tokens["member"]))[fergana.id]
    # A word only in the members-only body matches for readers entitled to that body alone.
    assert fergana.id not in hits({})
    assert fergana.id not in hits(bearer(tokens["registered"]))


@pytest.mark.parametrize("token", ["wb_000000000000_" + "A" * 43, "garbage", "revoked"])
def test_unknown_malformed_and_revoked_tokens_are_refused(
    client: TestClient, tokens: dict[str, str], fergana: Article, token: str
) -> None:
    refused = client.get(f"/api/articles/{fergana.id}", headers=bearer(tokens.get(token, token)))
    assert refused.status_code == 401
    assert refused.headers["WWW-Authenticate"].startswith("Bearer")
    assert BODY_WORD not in refused.text


def test_the_shared_write_token_and_other_schemes_read_as_anonymous(
    client: TestClient, fergana: Article
) -> None:
    for headers in (bearer(WRITE_TOKEN), {"Authorization": "Basic YWxhZGRpbjpvcGVu"}):
        reply = client.get(f"/api/articles/{fergana.id}", headers=headers)
        assert reply.status_code == 200 and reply.json()["locked"] is True


def test_editors_may_write_articles_and_others_may_not(
    client: TestClient, tokens: dict[str, str]
) -> None:
    def post(token: str, title: str) -> int:
        body = {"title": title, "body": "Kazakhstan raised oil output near Aktau this week."}
        return int(client.post("/api/articles", json=body, headers=bearer(token)).status_code)

    assert post(tokens["editor"], "Caspian output rises") == 201
    assert post(WRITE_TOKEN, "Caspian output rises again") == 201
    assert post(tokens["analyst"], "Analyst draft") == 403
    assert post(tokens["member"], "Member post") == 403
    assert post(tokens["revoked"], "Revoked post") == 401
    assert post("wrong", "Wrong token") == 401
