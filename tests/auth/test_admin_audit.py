"""Admins read the audit log on the web; nobody else does."""

from __future__ import annotations

from fastapi.testclient import TestClient

from worldbrief.services import accounts as service
from worldbrief.services.platform import Platform

from .conftest import ADMIN, PASSWORD, post_form


def test_only_admins_read_the_audit_log(client: TestClient, platform: Platform) -> None:
    accounts = service.accounts_of(platform)
    service.create_account(accounts, "boss@example.org", PASSWORD, "admin", actor=ADMIN)
    anonymous = client.get("/admin/audit", follow_redirects=False)
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login")

    post_form(client, "/login", "/login", email="ann@example.org", password=PASSWORD)
    assert client.get("/admin/audit").status_code == 403
    client.cookies.clear()

    post_form(client, "/login", "/login", email="boss@example.org", password=PASSWORD)
    page = client.get("/admin/audit")
    assert page.status_code == 200 and 'data-testid="audit-log"' in page.text
    for action in ("account.created", "login.succeeded"):
        assert action in page.text
    assert PASSWORD not in page.text
    only_ann = client.get("/admin/audit", params={"subject": "ann@example.org"}).text
    assert "ann@example.org" in only_ann and "boss@example.org</td>" not in only_ann
