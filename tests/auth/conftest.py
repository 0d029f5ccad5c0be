"""A site on each store backend with demo articles, accounts of every role and a form helper."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from worldbrief.config import Settings
from worldbrief.services import accounts as service
from worldbrief.services.platform import Platform, open_platform
from worldbrief.web.app import create_app

PASSWORD = "correct horse battery staple"
ADMIN = "cli:root"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "the page has no CSRF field"
    return found[1]


def post_form(client: TestClient, page: str, action: str, **fields: str) -> object:
    """Open ``page``, then submit ``fields`` to ``action`` with the page's CSRF token."""
    token = csrf_of(client.get(page).text)
    return client.post(action, data={"csrf_token": token, **fields}, follow_redirects=False)


@pytest.fixture
def platform(tmp_path: Path, store_url: str) -> Iterator[Platform]:
    settings = Settings(data_dir=tmp_path / "data", database_url=store_url)
    opened = open_platform(settings)
    service.create_account(
        service.accounts_of(opened), "ann@example.org", PASSWORD, "registered", actor=ADMIN
    )
    yield opened
    opened.close()


@pytest.fixture
def client(platform: Platform) -> Iterator[TestClient]:
    with TestClient(create_app(platform.settings, platform)) as test_client:
        yield test_client
