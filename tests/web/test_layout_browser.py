"""The layout a reader sees in a real Chromium, at desktop (1280 px) and phone (390 px) width:
no dead space beside the lead story or the place listings, a compact phone header, the teaser
in one place, and the demo clip playing on whatever port serves the site."""

from typing import Any

import pytest
from test_browser import CHROMIUM, browser, playwright_api, site_url

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
]
__all__ = ["browser", "playwright_api", "site_url"]  # fixtures shared with test_browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def article_path(page: Any, site_url: str, access: str) -> str:
    page.goto(f"{site_url}/api/articles?access={access}&limit=1")
    url: str = page.evaluate(
        "() => new URL(JSON.parse(document.body.innerText).articles[0].url, location).pathname"
    )
    return url


def test_the_lead_story_has_no_empty_column_beside_it(browser: Any, site_url: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(site_url + "/")
    bottoms = page.evaluate(
        """() => ['.front-lead', '.front-latest'].map(s => Math.max(...[...document
             .querySelectorAll(s + ' article')].map(a => a.getBoundingClientRect().bottom)))"""
    )
    assert abs(bottoms[0] - bottoms[1]) < 250, f"columns end at {bottoms}"
    page.close()


def test_the_region_row_is_not_repeated_on_the_front_page(browser: Any, site_url: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(site_url + "/")
    for region in ("Africa", "Eurasia", "Oceania"):
        assert page.get_by_role("link", name=region, exact=True).count() == 1, region
    page.close()


def test_a_phone_shows_the_first_story_near_the_top(browser: Any, site_url: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(site_url + "/")
    first = page.locator("main a[href^='/articles/']").first.bounding_box()
    assert first is not None and first["y"] < 220, f"first story at {first}"
    assert page.locator("input[name=q]").first.is_visible()
    assert page.get_by_role("link", name="Sign in").is_visible()
    page.close()


@pytest.mark.parametrize("path", ["/regions/central-asia", "/countries/kz"])
def test_place_pages_use_the_width(browser: Any, site_url: str, path: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(site_url + path)
    used = page.evaluate(
        """() => {
          const main = document.querySelector('main').getBoundingClientRect();
          const right = Math.max(...[...document.querySelectorAll('main article')]
            .map(a => a.getBoundingClientRect().right));
          return (right - main.left) / main.width;
        }"""
    )
    assert used > 0.85, f"stories end at {used:.0%} of the page on {path}"
    page.close()


def test_the_teaser_sits_under_the_title_on_free_and_locked_articles(
    browser: Any, site_url: str
) -> None:
    page = browser.new_page(viewport=DESKTOP)
    places = []
    for access in ("free", "members"):
        page.goto(site_url + article_path(page, site_url, access))
        places.append(
            page.evaluate(
                """() => {
                  const title = document.querySelector('h1').getBoundingClientRect();
                  const teaser = document.querySelector('[data-testid=teaser]')
                    .getBoundingClientRect();
                  return [Math.round(teaser.left), Math.round(teaser.top - title.bottom)];
                }"""
            )
        )
    assert places[0] == places[1], places
    page.close()


def test_the_demo_clip_plays_when_the_site_is_served_on_another_port(
    browser: Any, site_url: str
) -> None:
    # The fixture's base_url is the default (port 8000); the site runs on a random port.
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{site_url}/search?q=&type=dispatch&sort=oldest")
    page.get_by_test_id("search-hit").first.locator("a[href^='/articles/']").first.click()
    page.wait_for_selector("video")
    state = page.evaluate(
        """async () => {
          const video = document.querySelector('video');
          for (let i = 0; i < 100 && video.readyState < 1 && !video.error; i++)
            await new Promise(done => setTimeout(done, 100));
          return {src: video.getAttribute('src'), ready: video.readyState,
                  error: video.error && video.error.code};
        }"""
    )
    assert state["src"].startswith("/static/"), state
    assert state["error"] is None and state["ready"] >= 1, state
    page.close()
