"""Signing in and out on the web: cookies, sessions, CSRF, rate limit, sign-up, account page."""

from __future__ import annotations

from datetime import timedelta

import httpx
from fastapi.testclient import TestClient

from worldbrief.services.accounts import accounts_of
from worldbrief.services.login_throttle import LoginThrottle, throttle_keys
from worldbrief.services.platform import Platform
from worldbrief.services.sessions import now_utc, sessions_of

from .conftest import PASSWORD, csrf_of, post_form


def sign_in(client: TestClient, email: str = "ann@example.org", password: str = PASSWORD,
            next: str = "/") -> httpx.Response:  # fmt: skip
    response = post_form(client, "/login", "/login", email=email, password=password, next=next)
    assert isinstance(response, httpx.Response)
    return response


def test_signing_in_sets_a_safe_session_cookie_and_shows_the_account(client: TestClient) -> None:
    assert "Sign in" in client.get("/").text
    response = sign_in(client, next="/account")
    assert response.status_code == 303 and response.headers["location"] == "/account"
    cookie = next(c for c in response.headers.get_list("set-cookie") if "wb_session=" in c)
    flags = cookie.lower()
    assert "httponly" in flags and "samesite=lax" in flags and "secure" not in flags
    page = client.get("/account")
    assert page.status_code == 200
    assert "ann@example.org" in page.text and "Free account" in page.text


def test_next_only_leads_to_paths_of_this_site(client: TestClient) -> None:
    assert sign_in(client, next="https://evil.example/").headers["location"] == "/"
    assert sign_in(client, next="//evil.example/x").headers["location"] == "/"


def test_logging_out_ends_the_session(client: TestClient) -> None:
    sign_in(client)
    stolen = dict(client.cookies)
    response = post_form(client, "/account", "/logout")
    assert isinstance(response, httpx.Response) and response.status_code == 303
    assert client.get("/account").status_code == 401
    # The old cookie value no longer works either: the server forgot the session.
    replay = TestClient(client.app, cookies=stolen)
    assert replay.get("/account").status_code == 401


def test_logging_out_everywhere_ends_every_session(client: TestClient, platform: Platform) -> None:
    other = TestClient(client.app)
    sign_in(other)
    sign_in(client)
    account = accounts_of(platform).get_account("ann@example.org")
    assert account is not None and sessions_of(platform).sessions_of(account.id, now_utc()) == 2
    post_form(client, "/account", "/logout-everywhere")
    assert other.get("/account").status_code == 401
    assert sessions_of(platform).sessions_of(account.id, now_utc()) == 0


def test_unknown_email_and_wrong_password_get_the_same_answer(client: TestClient) -> None:
    unknown = sign_in(client, email="nobody@example.org")
    wrong = sign_in(client, email="ann@example.org", password="not the password at all")
    assert unknown.status_code == wrong.status_code == 400
    assert unknown.text.replace("nobody@example.org", "X") == wrong.text.replace(
        "ann@example.org", "X"
    )


def test_logins_are_audited_without_passwords(client: TestClient, platform: Platform) -> None:
    sign_in(client, password="not the password at all")
    sign_in(client)
    post_form(client, "/account", "/logout")
    events = accounts_of(platform).audit_events("ann@example.org")
    actions = [e.action for e in events]
    assert {"login.failed", "login.succeeded", "logout"} <= set(actions)
    assert all("not the password" not in e.detail and PASSWORD not in e.detail for e in events)


def test_repeated_failures_are_limited_then_released(
    client: TestClient, platform: Platform
) -> None:
    for _ in range(5):
        assert sign_in(client, password="wrong password, again").status_code == 400
    limited = sign_in(client)  # even the right password waits
    assert limited.status_code == 429
    assert 0 < int(limited.headers["retry-after"]) <= 15 * 60
    throttle = LoginThrottle.from_settings(sessions_of(platform), platform.settings)
    keys = throttle_keys("ann@example.org", "testclient")
    assert throttle.retry_after(keys, now_utc()) is not None
    assert throttle.retry_after(keys, now_utc() + timedelta(minutes=16)) is None


def test_every_form_refuses_a_post_without_its_csrf_token(client: TestClient) -> None:
    sign_in(client)
    token_id = _create_token(client, "laptop")[0]
    actions = ["/login", "/signup", "/logout", "/logout-everywhere", "/account/newsletter",
               "/account/tokens", f"/account/tokens/{token_id}/revoke"]  # fmt: skip
    for action in actions:
        for token in (None, "forged"):
            data = {"email": "ann@example.org", "password": PASSWORD, "name": "x"}
            if token:
                data["csrf_token"] = token
            response = client.post(action, data=data, follow_redirects=False)
            assert response.status_code == 403, action
            assert "did not come from this site" in response.text
    assert client.get("/account").status_code == 200  # still signed in: nothing happened


def test_signing_up_creates_a_registered_account_to_sign_in_with(client: TestClient) -> None:
    response = post_form(client, "/signup", "/signup", email="Bob@Example.org", password=PASSWORD)
    assert isinstance(response, httpx.Response) and response.status_code == 200
    assert "Sign in with bob@example.org" in response.text
    assert sign_in(client, email="bob@example.org").status_code == 303
    page = client.get("/account").text
    assert "bob@example.org" in page and "Free account" in page


def test_signing_up_refuses_short_passwords_and_leaves_taken_emails_alone(
    client: TestClient,
) -> None:
    short = post_form(client, "/signup", "/signup", email="cat@example.org", password="short")
    assert isinstance(short, httpx.Response) and short.status_code == 400
    assert "12" in short.text
    taken = post_form(client, "/signup", "/signup", email="ann@example.org",
                      password="a different passphrase")  # fmt: skip
    assert isinstance(taken, httpx.Response) and taken.status_code == 200
    assert client.get("/account").status_code == 401
    assert sign_in(client, password="a different passphrase").status_code == 400


def _create_token(client: TestClient, name: str) -> tuple[int, str]:
    page = client.get("/account").text
    response = client.post("/account/tokens", data={"csrf_token": csrf_of(page), "name": name})
    assert response.status_code == 200
    secret = response.text.split('class="new-token">')[1].split("<")[0]
    token_id = int(response.text.split('action="/account/tokens/')[1].split("/")[0])
    return token_id, secret


def test_api_tokens_are_created_once_and_revoked_from_the_account_page(
    client: TestClient,
) -> None:
    sign_in(client)
    token_id, secret = _create_token(client, "laptop")
    assert secret.startswith("wb_")
    headers = {"Authorization": f"Bearer {secret}"}
    assert (
        TestClient(client.app).get("/api/search", params={"q": "x"}, headers=headers).status_code
        == 200
    )
    assert secret not in client.get("/account").text  # shown once only
    page = client.get("/account").text
    client.post(f"/account/tokens/{token_id}/revoke", data={"csrf_token": csrf_of(page)})
    assert "revoked" in client.get("/account").text
    assert (
        TestClient(client.app).get("/api/search", params={"q": "x"}, headers=headers).status_code
        == 401
    )


def test_the_newsletter_preference_is_kept(client: TestClient) -> None:
    sign_in(client)
    page = client.get("/account").text
    assert 'name="newsletter" checked' not in page
    client.post("/account/newsletter", data={"csrf_token": csrf_of(page), "newsletter": "on"})
    assert 'name="newsletter" checked' in client.get("/account").text
