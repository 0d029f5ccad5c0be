"""A payment provider's signed webhook grants a membership; anything unsigned is refused."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from worldbrief.config import Settings
from worldbrief.services import accounts as service
from worldbrief.services.platform import open_platform
from worldbrief.web.app import create_app

from .conftest import ADMIN, PASSWORD

SECRET = "whsec-test-0123456789"


def signed(body: bytes, secret: str = SECRET) -> dict[str, str]:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return {"X-Worldbrief-Signature": f"sha256={digest}", "Content-Type": "application/json"}


@pytest.fixture
def site(tmp_path: Path, store_url: str) -> Iterator[TestClient]:
    settings = Settings(
        data_dir=tmp_path / "data", database_url=store_url, payment_webhook_secret=SECRET
    )
    platform = open_platform(settings)
    accounts = service.accounts_of(platform)
    service.create_account(accounts, "payer@example.org", PASSWORD, "registered", actor=ADMIN)
    service.add_plan(
        accounts, "monthly", "Monthly", price="9.00", currency="USD", period="month", actor=ADMIN
    )
    with TestClient(create_app(settings, platform)) as client:
        yield client
    platform.close()


def event(reference: str = "pay_1", days: int = 30, email: str = "payer@example.org") -> bytes:
    now = datetime.now(UTC)
    return json.dumps(
        {
            "reference": reference,
            "email": email,
            "plan": "monthly",
            "starts_at": (now - timedelta(minutes=1)).isoformat(),
            "ends_at": (now + timedelta(days=days)).isoformat(),
        }
    ).encode()


def test_a_signed_event_grants_and_a_repeat_updates(site: TestClient) -> None:
    body = event()
    first = site.post("/api/subscriptions/events", content=body, headers=signed(body))
    assert first.status_code == 200, first.text
    longer = event(days=60)
    again = site.post("/api/subscriptions/events", content=longer, headers=signed(longer))
    assert again.status_code == 200
    assert again.json()["ends_at"] > first.json()["ends_at"]


def test_unsigned_or_badly_signed_events_are_refused(site: TestClient) -> None:
    body = event()
    assert site.post("/api/subscriptions/events", content=body).status_code == 401
    forged = signed(body, secret="guess")
    assert site.post("/api/subscriptions/events", content=body, headers=forged).status_code == 401
    tampered = event(days=3650)
    assert (
        site.post("/api/subscriptions/events", content=tampered, headers=signed(body)).status_code
        == 401
    )


def test_unknown_accounts_and_bad_bodies_are_422(site: TestClient) -> None:
    stranger = event(email="nobody@example.org")
    response = site.post("/api/subscriptions/events", content=stranger, headers=signed(stranger))
    assert response.status_code == 422
    junk = b'{"reference": 1}'
    assert (
        site.post("/api/subscriptions/events", content=junk, headers=signed(junk)).status_code
        == 422
    )


def test_the_webhook_is_off_without_a_secret(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    platform = open_platform(settings)
    try:
        with TestClient(create_app(settings, platform)) as client:
            body = event()
            response = client.post("/api/subscriptions/events", content=body, headers=signed(body))
            assert response.status_code == 404
    finally:
        platform.close()
