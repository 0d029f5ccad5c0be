"""The Kazakhstan page of the demo in a real Chromium, at desktop and phone width: the map
draws the country's outline and the places articles name (Aktau, Mangystau), a click on a
point lists the articles there and leads to one, the timeline draws its bars; and a region's
choropleth shades its countries. No console error, no request off the site's origin.
Screenshots go to the temporary directory for a person to look at."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from test_browser import CHROMIUM, browser, playwright_api, site_url

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
]
__all__ = ["browser", "playwright_api", "site_url"]  # fixtures shared with test_browser

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
SHOTS = Path(tempfile.gettempdir())


class Watched:
    """A page whose console errors and off-origin requests are collected as it runs."""

    def __init__(self, browser: Any, site_url: str, viewport: dict[str, int]) -> None:
        self.page = browser.new_page(viewport=viewport)
        self.errors: list[str] = []
        self.foreign: list[str] = []
        origin = urlsplit(site_url).netloc
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on(
            "request",
            lambda r: (
                urlsplit(r.url).scheme in ("http", "https")
                and urlsplit(r.url).netloc != origin
                and self.foreign.append(r.url)
            ),
        )

    def clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.foreign == [], self.foreign


def open_map(watched: Watched, site_url: str) -> Any:
    page = watched.page
    page.goto(site_url + "/countries/kz")
    page.wait_for_selector("#country-map[data-ready=true]")
    page.wait_for_selector("#country-timeline[data-ready=true]")
    return page


def show_aktau(page: Any) -> None:
    """Zoom until Aktau's own point shows, as clicking its cluster would."""
    page.evaluate(
        """() => { const m = document.querySelector('#country-map').worldbriefMap;
                   const aktau = m.cluster.getLayers()
                     .find(l => l.options.title.startsWith('Aktau'));
                   const shown = () => { document.body.dataset.aktau = 'shown'; };
                   m.cluster.zoomToShowLayer(aktau, shown);
                 }"""
    )
    page.wait_for_selector("body[data-aktau=shown]")


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_kazakhstan_shows_its_places_on_the_map_and_its_weeks(
    browser: Any, site_url: str, width: str
) -> None:
    watched = Watched(browser, site_url, VIEWPORTS[width])
    page = open_map(watched, site_url)
    frame = page.locator("#country-map")
    assert frame.locator("path.map-country").count() >= 1  # the outline
    assert int(frame.get_attribute("data-points") or 0) >= 5
    # Aktau and the Mangystau region sit close together: a cluster or their own points.
    points = frame.locator(".map-point, .marker-cluster")
    assert points.count() >= 1 and points.first.is_visible()
    page.screenshot(path=str(SHOTS / f"worldbrief-country-kz-{width}.png"), full_page=True)
    show_aktau(page)
    frame.locator(".map-point[title^='Aktau']").wait_for()
    assert frame.locator(".map-point[title^='Mangghyst'], .marker-cluster").count() >= 1
    chart = page.locator("#country-timeline canvas")
    assert chart.count() == 1 and (chart.bounding_box() or {"width": 0})["width"] > 300
    assert page.get_by_text("Capital").is_visible() and page.get_by_text("Population").is_visible()
    watched.clean()
    page.close()


def test_a_point_lists_its_articles_and_leads_to_one(browser: Any, site_url: str) -> None:
    watched = Watched(browser, site_url, VIEWPORTS["desktop"])
    page = open_map(watched, site_url)
    show_aktau(page)
    page.locator("#country-map .map-point[title^='Aktau']").click()
    link = page.locator(".map-popup-articles a").first
    link.wait_for()
    title = link.inner_text().strip()
    page.screenshot(path=str(SHOTS / "worldbrief-country-kz-popup.png"))
    link.click()
    page.wait_for_url("**/articles/**")
    assert page.locator("h1").first.inner_text().strip() == title
    watched.clean()
    page.close()


def test_a_region_shades_its_countries_by_articles(browser: Any, site_url: str) -> None:
    watched = Watched(browser, site_url, VIEWPORTS["desktop"])
    page = watched.page
    page.goto(site_url + "/regions/central-asia")
    page.wait_for_selector("#region-map[data-ready=true]")
    shaded = page.locator("#region-map path.map-share")
    assert shaded.count() == 5  # the five Central Asian republics
    assert page.locator("#region-map path.map-share-5").count() >= 1  # the most covered
    page.screenshot(path=str(SHOTS / "worldbrief-region-central-asia.png"), full_page=True)
    watched.clean()
    page.close()
