"""A platform on each store backend with one account of every role, their API tokens, and a
site client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from worldbrief.config import Settings
from worldbrief.domain.account import Role
from worldbrief.membership.roles import Viewer
from worldbrief.services import accounts as service
from worldbrief.services.platform import Platform, open_platform
from worldbrief.web.app import create_app

PASSWORD = "correct horse battery staple"
ACTOR = "cli:root"
EMAILS = {
    "registered": "reg@example.org",
    "member": "member@example.org",
    "analyst": "ana@example.org",
    "other_analyst": "otto@example.org",
    "editor": "ed@example.org",
    "admin": "root@example.org",
}
ANALYST = Viewer(Role.ANALYST, EMAILS["analyst"])
OTHER_ANALYST = Viewer(Role.ANALYST, EMAILS["other_analyst"])
EDITOR = Viewer(Role.EDITOR, EMAILS["editor"])
MEMBER = Viewer(Role.MEMBER, EMAILS["member"])


@pytest.fixture
def platform(tmp_path: Path, store_url: str) -> Iterator[Platform]:
    opened = open_platform(Settings(data_dir=tmp_path / "data", database_url=store_url))
    accounts = service.accounts_of(opened)
    stored_roles = {"member": "registered", "other_analyst": "analyst"}
    for key, email in EMAILS.items():
        service.create_account(accounts, email, PASSWORD, stored_roles.get(key, key), actor=ACTOR)
    service.add_plan(
        accounts, "monthly", "Monthly", price="9.00", currency="EUR", period="month", actor=ACTOR
    )
    service.grant_subscription(accounts, EMAILS["member"], "monthly", 30, actor=ACTOR)
    yield opened
    opened.close()


@pytest.fixture
def tokens(platform: Platform) -> dict[str, str]:
    """A bearer header value per role key."""
    accounts = service.accounts_of(platform)
    made = {}
    for key, email in EMAILS.items():
        _, plaintext = service.create_api_token(accounts, email, "desk tests", actor=ACTOR)
        made[key] = f"Bearer {plaintext}"
    return made


@pytest.fixture
def client(platform: Platform) -> Iterator[TestClient]:
    with TestClient(create_app(platform.settings, platform)) as test_client:
        yield test_client
