"""The monthly allowance: a registered reader opens N members-only articles, then the paywall."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from worldbrief.config import Settings
from worldbrief.domain import AccessLevel
from worldbrief.services import accounts as service
from worldbrief.services.demo import load_demo_if_empty
from worldbrief.services.platform import Platform, open_platform
from worldbrief.store import ArticleFilter
from worldbrief.web.app import create_app

from .conftest import ADMIN, PASSWORD, post_form


@pytest.fixture
def metered(tmp_path: Path) -> Iterator[tuple[Platform, TestClient]]:
    settings = Settings(data_dir=tmp_path / "data", metered_articles=2)
    platform = open_platform(settings)
    load_demo_if_empty(platform)
    accounts = service.accounts_of(platform)
    service.create_account(accounts, "reg@example.org", PASSWORD, "registered", actor=ADMIN)
    with TestClient(create_app(settings, platform)) as client:
        yield platform, client
    platform.close()


def test_registered_reader_spends_the_allowance_then_meets_the_paywall(
    metered: tuple[Platform, TestClient],
) -> None:
    platform, client = metered
    _, locked = platform.store.list_articles(ArticleFilter(access="members", limit=3))
    first, second, third = locked
    anonymous = client.get(f"/articles/{first.id}", follow_redirects=True).text
    assert 'data-testid="paywall"' in anonymous  # the allowance is for accounts only

    post_form(client, "/login", "/login", email="reg@example.org", password=PASSWORD)
    page = client.get(f"/articles/{first.id}", follow_redirects=True).text
    assert 'data-testid="paywall"' not in page
    assert "1 of 2 free members-only articles left this month" in page
    again = client.get(f"/articles/{first.id}", follow_redirects=True).text
    assert 'data-testid="paywall"' not in again  # a re-read costs nothing
    assert "1 of 2" in again
    assert (
        'data-testid="paywall"'
        not in client.get(f"/articles/{second.id}", follow_redirects=True).text
    )
    last = client.get(f"/articles/{third.id}", follow_redirects=True).text
    assert 'data-testid="paywall"' in last
    assert "0 of 2" in last
    # The allowance opens pages only: the API still withholds the body.
    api = client.get(f"/api/articles/{first.id}").json()
    assert api["locked"] is True


def test_free_articles_do_not_touch_the_allowance(metered: tuple[Platform, TestClient]) -> None:
    platform, client = metered
    assert Settings().metered_articles == 0  # sites give no allowance unless they choose to
    _, free = platform.store.list_articles(ArticleFilter(access="free", limit=1))
    assert free[0].access is AccessLevel.FREE
    post_form(client, "/login", "/login", email="reg@example.org", password=PASSWORD)
    page = client.get(f"/articles/{free[0].id}", follow_redirects=True).text
    assert 'data-testid="allowance"' not in page and 'data-testid="paywall"' not in page
