"""Disabling an account ends its access at once: its open web sessions, its API tokens and its
pending reset links stop working, and every request checks that the account is still enabled."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from worldbrief.cli.main import app as cli
from worldbrief.services import accounts as service
from worldbrief.services.password_reset import account_for_reset, issue_reset
from worldbrief.services.platform import Platform
from worldbrief.services.sessions import now_utc, sessions_of
from worldbrief.store.schema import accounts as accounts_table

from .conftest import PASSWORD, csrf_of, post_form

EMAIL = "ann@example.org"


def _sign_in(client: TestClient) -> None:
    response: Any = post_form(client, "/login", "/login", email=EMAIL, password=PASSWORD)
    assert response.status_code == 303


def _new_token(client: TestClient, csrf: str, name: str) -> Any:
    return client.post("/account/tokens", data={"csrf_token": csrf, "name": name},
                       follow_redirects=False)  # fmt: skip


def _cli(platform: Platform, *args: str) -> None:
    settings = platform.settings
    env = {"WORLDBRIEF_DATA_DIR": str(settings.data_dir),
           "WORLDBRIEF_DATABASE_URL": settings.resolved_database_url, "COLUMNS": "200"}  # fmt: skip
    result = CliRunner().invoke(cli, list(args), env=env)
    assert result.exit_code == 0, result.output


def test_disabling_from_the_command_line_ends_sessions_tokens_and_reset_links(
    client: TestClient, platform: Platform
) -> None:
    _sign_in(client)
    csrf = csrf_of(client.get("/account").text)
    _, secret = service.create_api_token(
        service.accounts_of(platform), EMAIL, "laptop", actor="cli:root"
    )
    bearer = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/search", params={"q": "x"}, headers=bearer).status_code == 200
    issued = issue_reset(sessions_of(platform), EMAIL, now_utc())
    assert issued.usable

    _cli(platform, "users", "disable", EMAIL)

    assert client.get("/account").status_code == 401
    assert _new_token(client, csrf, "after disabling").status_code in (401, 403)
    anonymous = TestClient(client.app)
    assert anonymous.get("/api/search", params={"q": "x"}, headers=bearer).status_code == 401
    assert account_for_reset(sessions_of(platform), issued.token, now_utc()) is None
    account = service.accounts_of(platform).get_account(EMAIL)
    assert account is not None and sessions_of(platform).sessions_of(account.id, now_utc()) == 0
    assert all(t.revoked for t in service.accounts_of(platform).tokens_of(EMAIL))
    event = service.accounts_of(platform).audit_events(EMAIL)[-1]
    assert event.action == "account.disabled"
    assert "1 session" in event.detail and "1 API token" in event.detail

    # Enabling again does not bring the old credentials back: the reader signs in afresh.
    _cli(platform, "users", "enable", EMAIL)
    assert client.get("/account").status_code == 401
    assert anonymous.get("/api/search", params={"q": "x"}, headers=bearer).status_code == 401
    _sign_in(client)
    assert client.get("/account").status_code == 200


@pytest.mark.parametrize("surface", ["session", "token"])
def test_every_request_checks_the_account_is_still_enabled(
    client: TestClient, platform: Platform, surface: str
) -> None:
    """Even when the flag is set by hand in the database (no sessions ended, no tokens
    revoked), a disabled account's session and tokens are refused."""
    _sign_in(client)
    csrf = csrf_of(client.get("/account").text)
    _, secret = service.create_api_token(
        service.accounts_of(platform), EMAIL, "laptop", actor="cli:root"
    )
    with platform.store.engine.begin() as conn:
        conn.execute(sa.update(accounts_table).where(accounts_table.c.email == EMAIL)
                     .values(disabled=True))  # fmt: skip
    if surface == "session":
        assert client.get("/account").status_code == 401
        assert _new_token(client, csrf, "sneaky").status_code in (401, 403)
    else:
        bearer = {"Authorization": f"Bearer {secret}"}
        fresh = TestClient(client.app)
        assert fresh.get("/api/search", params={"q": "x"}, headers=bearer).status_code == 401
