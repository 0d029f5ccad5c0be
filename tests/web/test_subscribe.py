"""/subscribe lists the plans and starts a subscription; free articles invite non-members;
the account page and the sign-in page say plainly what a reader has and can do."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import lxml.html
import pytest
from fastapi.testclient import TestClient

from worldbrief.config import Settings
from worldbrief.domain import AccessLevel, Author, BodyFormat, RawDocument
from worldbrief.membership.errors import MembershipInputError
from worldbrief.membership.payment_link import PaymentLinkCheckout
from worldbrief.services import accounts as service
from worldbrief.services.ingest import ingest_records
from worldbrief.services.platform import Platform, open_platform
from worldbrief.services.sessions import sessions_of, start_session
from worldbrief.store import ArticleFilter
from worldbrief.web.app import create_app
from worldbrief.web.views import article_url

CHECKOUT = "https://pay.example.com/checkout?plan={plan}&email={email}&back={return_url}"


def _document(key: str, title: str, access: AccessLevel) -> RawDocument:
    return RawDocument(
        location=f"subscribe:{key}",
        external_id=f"subscribe-{key}",
        title=title,
        teaser=f"{title}: the teaser.",
        body=f"{title}: the teaser.\n\nPort fees climb again in Aktau.",
        body_format=BodyFormat.TEXT,
        authors=(Author("Ada Vance"),),
        published_at=datetime(2012, 5, 1, tzinfo=UTC),
        access=access,
    )


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    opened = open_platform(Settings(data_dir=tmp_path_factory.mktemp("subscribe") / "data"))
    report = ingest_records(
        opened,
        [
            _document("free", "Harbour dues rise in Aktau", AccessLevel.FREE),
            _document("locked", "Caspian shipping outlook", AccessLevel.MEMBERS),
        ],
    )
    assert report.created == 2
    accounts = service.accounts_of(opened)
    service.add_plan(accounts, "monthly", "Monthly", price="9.00", currency="USD",
                     period="month", actor="t")  # fmt: skip
    service.add_plan(accounts, "annual", "Annual", price="90.00", currency="USD",
                     period="year", actor="t")  # fmt: skip
    for email in ("free@example.org", "member@example.org"):
        service.create_account(accounts, email, "correct horse battery", "registered", actor="t")
    service.grant_subscription(accounts, "member@example.org", "monthly", 30, actor="t")
    yield opened
    opened.close()


def _client(platform: Platform, **settings: object) -> TestClient:
    configured = platform.settings.model_copy(update=settings)
    # The same store and index, seen with other settings.
    return TestClient(create_app(configured, dataclasses.replace(platform, settings=configured)))


def _session(platform: Platform, email: str) -> dict[str, str]:
    account = service.accounts_of(platform).credentials(email)
    assert account is not None
    session = start_session(sessions_of(platform), account[0], timedelta(days=1), client="t")
    return {"Cookie": f"wb_session={session}"}


def _url(platform: Platform, access: AccessLevel) -> str:
    _, articles = platform.store.list_articles(ArticleFilter(limit=10))
    found = next(a for a in articles if a.access is access)
    return article_url(found.id, found.title)


def _xpath(html: str, path: str) -> list[Any]:
    found: Any = lxml.html.fromstring(html).xpath(path)
    return list(found)


def _text(html: str) -> str:
    root: Any = lxml.html.fromstring(html)
    return " ".join(root.text_content().split())


def test_the_page_lists_every_plan_and_what_members_get(platform: Platform) -> None:
    with _client(platform, contact_email="members@news.example") as client:
        page = client.get("/subscribe")
    assert page.status_code == 200
    text = _text(page.text)
    assert "ERROR" not in text.upper() and "couldn’t complete" not in text
    assert "Monthly 9.00 USD per month" in text and "Annual 90.00 USD per year" in text
    assert "What members get" in text and "members-only" in text
    # No provider: the way in is the contact address, and nothing to submit.
    assert 'href="mailto:members@news.example"' in page.text
    assert not _xpath(page.text, "//main//form")


def test_without_a_provider_or_an_address_the_page_still_says_how(platform: Platform) -> None:
    with _client(platform) as client:
        page = client.get("/subscribe", headers=_session(platform, "free@example.org"))
    assert page.status_code == 200
    assert "How to become a member" in _text(page.text)
    assert "people who run this site" in _text(page.text)


def test_a_signed_in_reader_starts_a_subscription_at_the_checkout(platform: Platform) -> None:
    cookie = _session(platform, "free@example.org")
    with _client(platform, checkout_url=CHECKOUT) as client:
        page = client.get("/subscribe", headers=cookie)
        forms = _xpath(page.text, '//form[@action="/subscribe"]')
        assert [f.xpath('.//input[@name="plan"]/@value')[0] for f in forms] == [
            "monthly",
            "annual",
        ]
        token = forms[0].xpath('.//input[@name="csrf_token"]/@value')[0]
        sent = client.post(
            "/subscribe",
            data={"csrf_token": token, "plan": "annual"},
            headers=cookie,
            follow_redirects=False,
        )
        assert sent.status_code == 303
        assert sent.headers["location"] == (
            "https://pay.example.com/checkout?plan=annual&email=free%40example.org"
            "&back=http%3A%2F%2F127.0.0.1%3A8000%2Faccount"
        )
        forged = client.post(
            "/subscribe", data={"plan": "annual"}, headers=cookie, follow_redirects=False
        )
        assert forged.status_code == 403
        unknown = client.post(
            "/subscribe", data={"csrf_token": token, "plan": "weekly"}, headers=cookie
        )
        assert unknown.status_code == 400 and "no such plan" in _text(unknown.text)


def test_an_anonymous_reader_is_asked_to_sign_in_first(platform: Platform) -> None:
    with _client(platform, checkout_url=CHECKOUT) as client:
        page = client.get("/subscribe")
        assert "set-cookie" not in page.headers  # one page for all: caches may share it
        assert 'href="/login?next=/subscribe"' in page.text
        assert "Sign in to subscribe" in _text(page.text)


def test_a_checkout_url_must_be_http_with_known_placeholders() -> None:
    for bad in ("javascript:alert(1)//{plan}", "https://pay.example.com/{price}", "{plan"):
        with pytest.raises(MembershipInputError):
            PaymentLinkCheckout(bad)


def test_free_articles_invite_non_members_only(platform: Platform) -> None:
    free, locked = _url(platform, AccessLevel.FREE), _url(platform, AccessLevel.MEMBERS)
    invitation = "Get unlimited access with a worldbrief membership"
    with _client(platform) as client:
        for headers in ({}, _session(platform, "free@example.org")):
            page = client.get(free, headers=headers)
            invite = _xpath(page.text, '//*[@data-testid="membership-invite"]//a')
            assert [(a.text_content(), a.get("href")) for a in invite] == [
                (invitation, "/subscribe")
            ]
        member = _session(platform, "member@example.org")
        assert invitation not in client.get(free, headers=member).text
        assert invitation not in client.get(locked).text  # the paywall says it there


def test_every_page_carries_the_mission_line(platform: Platform) -> None:
    with _client(platform, site_mission="Our own words on the world.") as client:
        for path in ("/", "/subscribe", "/login", _url(platform, AccessLevel.FREE)):
            mission = _xpath(client.get(path).text, '//footer//*[@data-testid="mission"]')
            assert [m.text_content() for m in mission] == ["Our own words on the world."]
    assert Settings().site_mission.strip()


def test_the_account_page_says_plainly_what_the_reader_has(platform: Platform) -> None:
    with _client(platform) as client:
        member = client.get("/account", headers=_session(platform, "member@example.org"))
        free = client.get("/account", headers=_session(platform, "free@example.org"))

    def membership(page: str) -> str:
        found = _xpath(page, '//*[@data-testid="membership"]')
        return " ".join(found[0].text_content().split())

    assert re.fullmatch(r"Monthly, until \d{4}-\d{2}-\d{2}", membership(member.text))
    assert membership(free.text) == "Free account · See the plans"
    for page in (member, free):
        assert "Acting as" not in page.text and "registered" not in _text(page.text)


def test_forgot_password_is_offered_only_when_resets_can_be_mailed(platform: Platform) -> None:
    with _client(platform) as client:
        assert "Forgot your password?" not in client.get("/login").text
    with _client(platform, smtp_host="127.0.0.1") as client:
        assert "Forgot your password?" in client.get("/login").text


def test_sign_in_and_sign_out_are_named_alike_everywhere(platform: Platform) -> None:
    pages = []
    with _client(platform) as client:
        locked = _url(platform, AccessLevel.MEMBERS)
        pages += [client.get(path).text for path in ("/", locked, "/login", "/subscribe")]
        cookie = _session(platform, "free@example.org")
        pages += [client.get(path, headers=cookie).text for path in ("/", "/account")]
    text = " ".join(_text(page) for page in pages)
    assert not re.search(r"\blog ?(in|out)\b", text, re.IGNORECASE), text
    assert "Sign in" in text and "Sign out" in text
