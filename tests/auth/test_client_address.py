"""The client address behind every rate limit: a forged `X-Forwarded-For` counts for nothing
unless it comes from a configured proxy, on a real `worldbrief serve`."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from support.live_site import live_site, run_cli, site_environment
from worldbrief.cli.main import app as cli
from worldbrief.config import Settings
from worldbrief.web.auth.proxies import uvicorn_proxy_options

from .conftest import PASSWORD

ATTEMPTS = 30
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _attempts(url: str, emails: list[str], forwarded: list[str]) -> list[int]:
    """Failed sign-ins, each with its own email and X-Forwarded-For header."""
    statuses = []
    with httpx.Client(base_url=url, timeout=30) as client:
        found = _CSRF.search(client.get("/login").text)
        assert found
        for email, address in zip(emails, forwarded, strict=True):
            form = {"csrf_token": found[1], "email": email, "password": "wrong password, again"}
            answer = client.post("/login", data=form, headers={"X-Forwarded-For": address})
            statuses.append(answer.status_code)
    return statuses


def _rotating_addresses() -> list[str]:
    return [f"203.0.113.{n}" for n in range(1, ATTEMPTS + 1)]


def test_a_forged_forwarded_header_does_not_escape_the_limit(tmp_path: Path) -> None:
    """Password spraying (a new email and a new forged address each time) from one client."""
    env = site_environment(tmp_path / "data")
    emails = [f"user{n}@example.org" for n in range(ATTEMPTS)]
    with live_site(env, tmp_path) as site:
        statuses = _attempts(site.url, emails, _rotating_addresses())
    limit = Settings().login_max_failures
    assert statuses[:limit] == [400] * limit
    assert set(statuses[limit:]) == {429}


def test_a_trusted_proxy_names_the_client_and_each_account_is_limited_too(
    tmp_path: Path,
) -> None:
    env = site_environment(tmp_path / "data", trusted_proxies="127.0.0.1, ::1")
    run_cli(env, "users", "add", "ann@example.org", "--password-stdin", stdin=PASSWORD + "\n")
    spraying = [f"user{n}@example.org" for n in range(ATTEMPTS)]
    one_account = ["ann@example.org"] * ATTEMPTS
    with live_site(env, tmp_path) as site:
        # Behind the proxy each forwarded client is its own address: none is limited...
        assert set(_attempts(site.url, spraying, _rotating_addresses())) == {400}
        # ...but one account is, from however many addresses.
        statuses = _attempts(site.url, one_account, _rotating_addresses())
    limit = Settings().login_max_failures
    assert statuses[:limit] == [400] * limit and set(statuses[limit:]) == {429}
    audit = run_cli(env, "users", "audit", "ann@example.org").stdout
    assert "web:203.0.113.1" in audit


def test_proxy_options_follow_the_setting() -> None:
    assert uvicorn_proxy_options(Settings()) == {"proxy_headers": False,
                                                 "forwarded_allow_ips": None}  # fmt: skip
    trusted = Settings(trusted_proxies="10.0.0.0/8, 192.0.2.7")
    assert uvicorn_proxy_options(trusted) == {
        "proxy_headers": True, "forwarded_allow_ips": ["10.0.0.0/8", "192.0.2.7"]
    }  # fmt: skip
    with pytest.raises(ValueError, match=r"'proxy\.example\.org' is not an IP address or network"):
        Settings(trusted_proxies="10.0.0.1, proxy.example.org")


def test_serve_names_a_bad_proxy_setting_and_starts_nothing() -> None:
    result = CliRunner().invoke(cli, ["serve"], env={"WORLDBRIEF_TRUSTED_PROXIES": "nonsense"})
    assert result.exit_code == 2
    assert "WORLDBRIEF_TRUSTED_PROXIES" in result.stderr and "'nonsense'" in result.stderr
