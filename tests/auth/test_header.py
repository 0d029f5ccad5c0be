"""Every page's header says who is signed in; staff get a way to the desk."""

from __future__ import annotations

from fastapi.testclient import TestClient

from worldbrief.services import accounts as service
from worldbrief.services.platform import Platform

from .conftest import ADMIN, PASSWORD, post_form


def test_the_header_names_the_reader_on_pages_that_do_not_ask(client: TestClient) -> None:
    assert "Sign in" in client.get("/regions").text
    post_form(client, "/login", "/login", email="ann@example.org", password=PASSWORD)
    page = client.get("/regions").text
    assert "ann@example.org" in page and 'href="/desk"' not in page


def test_staff_see_the_desk_link(client: TestClient, platform: Platform) -> None:
    accounts = service.accounts_of(platform)
    service.create_account(accounts, "ed@example.org", PASSWORD, "editor", actor=ADMIN)
    post_form(client, "/login", "/login", email="ed@example.org", password=PASSWORD)
    assert 'href="/desk"' in client.get("/").text
