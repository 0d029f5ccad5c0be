"""The paywall with answers kept for anonymous readers: whoever asks first, a members-only body
reaches members and staff only, and nothing a signed-in reader was sent is kept or shared."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from worldbrief.config import Settings
from worldbrief.domain import AccessLevel, Author, BodyFormat, RawDocument
from worldbrief.services import accounts as service
from worldbrief.services.indexing import catch_up
from worldbrief.services.ingest import ingest_records
from worldbrief.services.platform import Platform, open_platform
from worldbrief.services.sessions import sessions_of, start_session
from worldbrief.store import ArticleFilter
from worldbrief.web.app import create_app
from worldbrief.web.views import article_url

from .conftest import ADMIN, PASSWORD

SECRET = "zephyrine"  # only in the members-only body
ROLES = ["reader", "registered", "member", "analyst", "editor", "admin"]
FULL = {"member", "analyst", "editor", "admin"}
LOCKED = RawDocument(
    location="paywall-cache:locked",
    external_id="paywall-cache-locked",
    title="Shelf talks resume in Aktau",
    teaser="Negotiators met again in Aktau, Kazakhstan.",
    body=(
        "Negotiators met again in Aktau, Kazakhstan.\n\n"
        f"Behind closed doors the delegations agreed on the {SECRET} protocol.\n\n"
        "Both capitals will call it a technical arrangement."
    ),
    body_format=BodyFormat.TEXT,
    authors=(Author("Mira Quell"),),
    published_at=datetime(2010, 3, 1, tzinfo=UTC),
    access=AccessLevel.MEMBERS,
)
EVENT_SECRET = "Quillomar"  # only in the members-only body that reports a clash
LOCKED_CLASH = RawDocument(
    location="paywall-cache:locked-clash",
    external_id="paywall-cache-locked-clash",
    title="Night of gunfire in Rangpur",
    teaser="A security report from northern Bangladesh.",
    body=(
        "A security report from northern Bangladesh.\n\n"
        f"Police and gunmen clashed in Rangpur on Sunday beside the {EVENT_SECRET} jute mill, "
        "killing three people."
    ),
    body_format=BodyFormat.TEXT,
    published_at=datetime(2024, 8, 5, 8, tzinfo=UTC),
    access=AccessLevel.MEMBERS,
)
Credentials = dict[str, tuple[str, str]]  # role -> (session cookie, bearer token)


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    data_dir: Path = tmp_path_factory.mktemp("paywall-cache") / "data"
    opened = open_platform(Settings(data_dir=data_dir))
    assert ingest_records(opened, [LOCKED, LOCKED_CLASH]).created == 2
    catch_up(opened.store, opened.index)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def credentials(platform: Platform) -> Credentials:
    accounts = service.accounts_of(platform)
    service.add_plan(accounts, "monthly", "Monthly", price="9.00", currency="USD",
                     period="month", actor=ADMIN)  # fmt: skip
    held = {"reader": ("", "")}
    for role in ROLES[1:]:
        email = f"{role}@example.org"
        stored = "registered" if role == "member" else role
        account = service.create_account(accounts, email, PASSWORD, stored, actor=ADMIN)
        _, token = service.create_api_token(accounts, email, "cache", actor=ADMIN)
        session = start_session(sessions_of(platform), account, timedelta(days=1), client="test")
        held[role] = (session, token)
    service.grant_subscription(accounts, "member@example.org", "monthly", 30, actor=ADMIN)
    return held


@pytest.fixture
def client(platform: Platform) -> Iterator[TestClient]:
    """A new app for each test, so its kept answers start empty."""
    with TestClient(create_app(platform.settings, platform)) as test_client:
        yield test_client


def _read_everywhere(
    client: TestClient, platform: Platform, cookie: str, token: str
) -> dict[str, tuple[bool, dict[str, str]]]:
    """Whether each surface showed the secret, with the answer's headers."""
    _, found = platform.store.list_articles(ArticleFilter(limit=10))
    article = next(a for a in found if a.title == LOCKED.title)
    page_headers = {"Cookie": f"wb_session={cookie}"} if cookie else {}
    api_headers = {"Authorization": f"Bearer {token}"} if token else {}
    page = client.get(article_url(article.id, article.title), headers=page_headers)
    api = client.get(f"/api/articles/{article.id}", headers=api_headers)
    search = client.get("/api/search", params={"q": SECRET}, headers=api_headers)
    search_page = client.get("/search", params={"q": SECRET}, headers=page_headers)
    feed = client.get("/feeds/search.atom", params={"q": SECRET}, headers=api_headers)
    [clash] = client.get("/api/events", params={"subtype": "Armed clash"}).json()["events"]
    event = client.get(clash["url"], headers=api_headers)
    answers = {
        "article page": (SECRET in page.text, page),
        "api article": (SECRET in api.text, api),
        "api search": (search.json()["total"] == 1, search),
        "search page": ('data-testid="search-hit"' in search_page.text, search_page),
        "search feed": ("<entry>" in feed.text, feed),
        "api event": (EVENT_SECRET in event.text, event),
    }
    for surface, (_, answer) in answers.items():
        assert answer.status_code == 200, surface
    return {surface: (shown, dict(a.headers)) for surface, (shown, a) in answers.items()}


@pytest.mark.parametrize("first", ["anonymous", "signed in"])
@pytest.mark.parametrize("role", ROLES[1:])
def test_whoever_asks_first_the_body_reaches_members_and_staff_only(
    client: TestClient, platform: Platform, credentials: Credentials, role: str, first: str
) -> None:
    order = ["reader", role] if first == "anonymous" else [role, "reader"]
    for _ in range(2):
        for who in order:
            asked_cookie, asked_token = credentials[who]
            for surface, (shown, headers) in _read_everywhere(
                client, platform, asked_cookie, asked_token
            ).items():
                assert shown is (who in FULL), f"{who} on {surface}, {first} first"
                if who != "reader":
                    assert "x-cache" not in headers, f"{who}'s {surface} answer was kept"
                    assert headers["cache-control"] == "private, no-store", surface
    # The anonymous answers were kept all along, and are still locked.
    for surface, (shown, headers) in _read_everywhere(client, platform, "", "").items():
        assert not shown and headers["x-cache"] == "hit", surface
        assert headers["cache-control"].startswith("public"), surface


def test_a_signed_in_readers_header_stays_theirs(
    client: TestClient, platform: Platform, credentials: Credentials
) -> None:
    for role in ROLES[1:]:
        cookie, _ = credentials[role]
        page = client.get("/", headers={"Cookie": f"wb_session={cookie}"})
        assert f"{role}@example.org" in page.text
        anonymous = client.get("/")
        assert "@example.org" not in anonymous.text and "Sign in" in anonymous.text
