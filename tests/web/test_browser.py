"""A reader's walk through the site in a real Chromium: home → article → country → search."""

import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn

from worldbrief.config import Settings
from worldbrief.services.platform import Platform
from worldbrief.web.app import create_app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
]
playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def site_url(demo_settings: Settings, demo_platform: Platform) -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(demo_settings, demo_platform),
            host="127.0.0.1",
            port=port,
            log_level="warning",
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield launched
        launched.close()


def test_reader_walks_from_home_to_article_to_country_to_search(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(site_url + "/")
    assert page.title()
    first_link = page.locator("main a[href^='/articles/']").first
    headline = first_link.inner_text().strip()
    first_link.click()
    page.wait_for_url(re.compile(r"/articles/"))
    assert page.locator("h1").first.inner_text().strip() == headline
    assert re.fullmatch(
        r"[A-Z][a-z]{2} \d{1,2}, \d{4} \| \d{2}:\d{2} GMT",
        page.get_by_test_id("dateline").first.inner_text().strip(),
    )
    assert re.search(r"\d+ MINS? READ", page.locator("body").inner_text())

    chip = page.get_by_test_id("country-chip").first
    country_name = chip.inner_text().strip()
    chip.click()
    page.wait_for_url(re.compile(r"/countries/"))
    assert country_name in page.locator("h1").first.inner_text()
    assert page.locator("main a[href^='/articles/']").count() >= 1

    search_box = page.locator("input[name=q]").first
    search_box.fill("water")
    search_box.press("Enter")
    page.wait_for_url(re.compile(r"/search\?"))
    hits = page.get_by_test_id("search-hit")
    assert hits.count() >= 1
    assert page.locator("mark").count() >= 1
    page.close()


def test_dispatch_plays_video_and_members_article_shows_paywall(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(site_url + "/search?q=&type=dispatch&sort=oldest")
    page.get_by_test_id("search-hit").first.locator("a[href^='/articles/']").first.click()
    page.wait_for_url(re.compile(r"/articles/"))
    assert page.locator("video, audio").count() == 1
    assert page.get_by_test_id("article-body").inner_text().strip()
    page.goto(site_url + "/api/articles?access=members&limit=1")
    listed = "JSON.parse(document.body.innerText).articles[0].url"
    locked = page.evaluate(f"() => new URL({listed}).pathname")
    page.goto(site_url + locked)
    assert page.get_by_test_id("paywall").is_visible()
    page.close()


def test_pages_fit_a_phone_screen(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 375, "height": 800})
    for path in ("/", "/regions", "/search?q=water", "/countries/kz"):
        page.goto(site_url + path)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    page.close()
