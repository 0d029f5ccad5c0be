"""Following a country in a real Chromium, without a line of JavaScript of ours needed: a
reader signs in, follows Kazakhstan from its page, finds the watchlist on /account/watchlists,
edits it, and after an alert pass sees the unread count in the header and the alerts on
/account/notifications, at desktop and phone width. Screenshots go to the temporary directory
for a person to look at (docs/images holds the ones docs/alerts.md shows)."""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from test_browser import CHROMIUM, browser, playwright_api

from alerts.conftest import NOW, article, protest
from worldbrief.config import Settings
from worldbrief.services import accounts as service
from worldbrief.services.alerts import run_alert_pass
from worldbrief.services.platform import Platform, open_platform
from worldbrief.services.watchlists import list_watchlists
from worldbrief.web.app import create_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
]
__all__ = ["browser", "playwright_api"]  # fixtures shared with test_browser

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
SHOTS = Path(tempfile.gettempdir())
PASSWORD = "correct horse battery staple"


@pytest.fixture
def reader_site(tmp_path: Path) -> Iterator[tuple[str, Platform]]:
    """A site of its own (alerts change its store), with one reader's account."""
    platform = open_platform(Settings(data_dir=tmp_path / "data"))
    accounts = service.accounts_of(platform)
    service.create_account(accounts, "ana@example.org", PASSWORD, "registered", actor="test")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = create_app(platform.settings, platform)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", platform
    server.should_exit = True
    thread.join(timeout=10)
    platform.close()


def _fits(page: Any) -> None:
    """Nothing wider than the window: no sideways scrolling at phone width."""
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, overflow


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_a_reader_follows_a_country_edits_it_and_is_told(
    browser: Any, reader_site: tuple[str, Platform], width: str
) -> None:
    url, platform = reader_site
    context = browser.new_context(viewport=VIEWPORTS[width], java_script_enabled=False)
    page = context.new_page()
    page.goto(url + "/countries/kz")
    box = page.get_by_test_id("follow")
    assert box.get_by_role("link", name="Follow by Atom feed").is_visible()
    box.get_by_role("link", name="Sign in").click()

    page.locator("input[name=email]").fill("ana@example.org")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/countries/kz")
    page.get_by_test_id("follow").get_by_role("button", name="Follow").click()
    page.wait_for_url("**/countries/kz?followed=*")
    assert page.get_by_role("status").inner_text().startswith("Followed in Kazakhstan")
    _fits(page)
    page.locator("header.page-header").screenshot(path=str(SHOTS / f"follow-{width}.png"))

    page.get_by_role("status").get_by_role("link", name="Kazakhstan").click()
    page.wait_for_url("**/account/watchlists")
    watchlist = page.get_by_test_id("watchlist")
    assert watchlist.count() == 1 and "Kazakhstan" in watchlist.inner_text()
    watchlist.get_by_role("link", name="Edit").click()
    page.locator("#wl-name").fill("Kazakhstan and Uzbekistan")
    page.locator("#wl-countries").fill("KZ, UZ, Atlantis")
    page.locator("#wl-email").select_option("immediate")
    page.get_by_role("button", name="Save changes").click()
    assert "unknown country" in page.locator("#error-countries").inner_text()
    page.locator("#wl-countries").fill("KZ, UZ")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url("**/account/watchlists*")
    text = page.get_by_test_id("watchlist").inner_text()
    assert "Kazakhstan and Uzbekistan" in text and "Uzbekistan" in text
    assert "as they happen" in text
    _fits(page)
    page.screenshot(path=str(SHOTS / f"watchlists-{width}.png"), full_page=True)
    (saved,) = list_watchlists(platform, "ana@example.org")
    assert saved.criteria.countries == ("KZ", "UZ")

    platform.store.upsert_articles(
        [
            article("zhanaozen", protest()),
            article("tashkent", country="UZ"),
            article("lima", country="PE"),
        ]
    )
    run_alert_pass(platform, now=NOW)
    page.reload()
    assert page.get_by_test_id("unread-count").inner_text().endswith("2")
    page.get_by_test_id("alerts-link").click()
    page.wait_for_url("**/account/notifications")
    items = page.get_by_test_id("notification")
    assert items.count() == 2 and "Why: country" in items.first.inner_text()
    _fits(page)
    page.screenshot(path=str(SHOTS / f"notifications-{width}.png"), full_page=True)
    page.get_by_role("button", name="Mark all read").click()
    page.wait_for_url("**/account/notifications")
    assert page.get_by_test_id("unread-count").count() == 0
    context.close()


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_follow_twice_then_unfollow(
    browser: Any, reader_site: tuple[str, Platform], width: str
) -> None:
    """Follow pressed twice (the page open in two tabs) makes one watchlist; the box then
    says "Following ✓" and Unfollow takes it back."""
    url, platform = reader_site
    context = browser.new_context(viewport=VIEWPORTS[width], java_script_enabled=False)
    page = context.new_page()
    page.goto(url + "/login?next=/countries/kz")
    page.locator("input[name=email]").fill("ana@example.org")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/countries/kz")
    # The page open in a second tab as well: Follow pressed in each.
    other = context.new_page()
    other.goto(url + "/countries/kz")
    for tab in (page, other):
        tab.get_by_test_id("follow").get_by_role("button", name="Follow", exact=True).click()
        tab.wait_for_url("**/countries/kz?followed=*")
    assert other.url == page.url
    assert len(list_watchlists(platform, "ana@example.org")) == 1

    box = page.get_by_test_id("follow")
    assert box.get_by_text("Following ✓").is_visible()
    assert box.get_by_role("button", name="Follow", exact=True).count() == 0
    _fits(page)
    page.locator("header.page-header").screenshot(path=str(SHOTS / f"following-{width}.png"))
    box.get_by_role("button", name="Unfollow").click()
    page.wait_for_url("**/countries/kz?unfollowed=1*")
    assert page.get_by_role("status").inner_text().startswith("No longer followed")
    follow = page.get_by_test_id("follow").get_by_role("button", name="Follow", exact=True)
    assert follow.is_visible()
    assert list_watchlists(platform, "ana@example.org") == []
    context.close()
