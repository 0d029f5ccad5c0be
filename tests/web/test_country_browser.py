"""The Kazakhstan page of the demo in a real Chromium, at desktop and phone width: the map
draws the country's outline, its events coloured by type and the places articles name (Aktau,
Mangystau) over the outlines of its first-level divisions, shaded by the week's readings;
a click on an event opens its pop-up, whose link leads to the event's page and on
to an article reporting it; a click on a place lists the articles there and leads to one; the
timeline stacks weekly events by type; and a region's choropleth shades its countries by
events. No console error, no request off the site's origin. Screenshots go to the temporary
directory for a person to look at."""

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
    """Hide the events (as the layer switch does) and zoom until Aktau's own place point
    shows, as clicking its cluster would."""
    page.locator("#country-map .leaflet-control-layers label", has_text="Events").click()
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
    # Events: a coloured point each, or a numbered cluster where they crowd (Zhanaozen).
    assert int(frame.get_attribute("data-event-points") or 0) >= 20
    events = frame.locator(".map-event, .event-cluster")
    assert events.count() >= 2 and events.first.is_visible()
    assert page.locator(".event-legend li", has_text="Protests").first.is_visible()
    page.screenshot(path=str(SHOTS / f"worldbrief-country-kz-{width}.png"), full_page=True)
    show_aktau(page)
    frame.locator(".map-point[title^='Aktau']").wait_for()
    assert frame.locator(".map-point[title^='Mangghyst'], .marker-cluster").count() >= 1
    chart = page.locator("#country-timeline canvas")
    assert chart.count() == 1 and (chart.bounding_box() or {"width": 0})["width"] > 300
    timeline = page.locator("#country-timeline")
    assert int(timeline.get_attribute("data-event-types") or 0) >= 3  # stacked by type
    assert int(timeline.get_attribute("data-events") or 0) >= 20
    assert page.get_by_text("Capital").is_visible() and page.get_by_text("Population").is_visible()
    watched.clean()
    page.close()


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_kazakhstan_draws_its_divisions_under_the_points_shaded_by_the_week(
    browser: Any, site_url: str, width: str
) -> None:
    watched = Watched(browser, site_url, VIEWPORTS[width])
    page = open_map(watched, site_url)
    frame = page.locator("#country-map")
    # Natural Earth's 14 old oblasts and the cities of republican rank, dissolved by GeoNames code.
    assert int(frame.get_attribute("data-division-shapes") or 0) >= 14
    outlines = frame.locator(".leaflet-overlay-pane path.map-division")
    assert outlines.count() >= 14 and outlines.first.is_visible()
    assert (
        frame.locator(
            ".leaflet-marker-pane .map-event, .leaflet-marker-pane .event-cluster"
        ).count()
        >= 1
    )
    # Each table row with a shipped outline shades it; Mangystau had events in the week judged.
    rows = page.locator("[data-division-table] tr[data-code]")
    codes = {rows.nth(i).get_attribute("data-code") for i in range(rows.count())} - {"", None}
    assert "KZ.09" in codes
    assert int(frame.get_attribute("data-shaded-divisions") or 0) == len(codes)
    shade = page.locator("[data-division-table] tr[data-code='KZ.09']").get_attribute("data-shade")
    assert frame.locator(f"path.map-division.division-{shade}").count() >= 1
    # The pane of outlines sits under the pane of points.
    z = page.evaluate(
        """() => ['overlay', 'marker'].map(p => Number(getComputedStyle(
             document.querySelector('#country-map .leaflet-' + p + '-pane')).zIndex))"""
    )
    assert z[0] < z[1]
    page.screenshot(
        path=str(SHOTS / f"worldbrief-country-kz-divisions-{width}.png"), full_page=True
    )
    watched.clean()
    page.close()


def test_a_country_across_the_antimeridian_keeps_its_points_and_divisions_on_it(
    browser: Any, site_url: str
) -> None:
    # The Aleutians cross the line: the United States is drawn east of it, points and all.
    watched = Watched(browser, site_url, VIEWPORTS["desktop"])
    page = watched.page
    page.goto(site_url + "/countries/us")
    page.wait_for_selector("#country-map[data-ready=true]")
    assert int(page.locator("#country-map").get_attribute("data-division-shapes") or 0) >= 50
    west, east, lngs = page.evaluate(
        """() => { const m = document.querySelector('#country-map').worldbriefMap;
                   const b = m.map.getBounds();
                   const points = m.cluster.getLayers().concat(m.events.getLayers());
                   return [b.getWest(), b.getEast(), points.map(l => l.getLatLng().lng)]; }"""
    )
    assert lngs and all(west <= lng <= east for lng in lngs), (west, east, lngs)
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


def test_an_event_point_opens_its_popup_and_leads_to_the_event_and_an_article(
    browser: Any, site_url: str
) -> None:
    watched = Watched(browser, site_url, VIEWPORTS["desktop"])
    page = open_map(watched, site_url)
    # Zoom until one of Zhanaozen's riots shows as its own point, as clicking clusters would.
    page.evaluate(
        """() => { const m = document.querySelector('#country-map').worldbriefMap;
                   const riot = m.events.getLayers()
                     .find(l => l.options.title.startsWith('Violent demonstration'));
                   const shown = () => { document.body.dataset.riot = riot.eventId; };
                   m.events.zoomToShowLayer(riot, shown);
                 }"""
    )
    page.wait_for_selector("body[data-riot]")
    point = page.locator("#country-map .map-event[title^='Violent demonstration']").first
    point.click()
    popup = page.locator(".leaflet-popup .map-popup-event")
    popup.wait_for()
    assert "Riots" in popup.inner_text() and "Zhanaozen" in popup.inner_text()
    popup.locator(".map-popup-articles a").first.wait_for()  # its sources, asked for on opening
    page.screenshot(path=str(SHOTS / "worldbrief-country-kz-event-popup.png"))
    link = popup.locator("a.map-popup-more")
    assert (link.get_attribute("href") or "").startswith("/events/ev-")
    link.click()
    page.wait_for_url("**/events/ev-**")
    assert page.locator("h1").first.inner_text().strip()
    source = page.locator("[data-testid=event-source] .source-title a").first
    title = source.inner_text().strip()
    source.click()
    page.wait_for_url("**/articles/**")
    assert page.locator("h1").first.inner_text().strip() == title
    watched.clean()
    page.close()


def test_a_region_shades_its_countries_by_events(browser: Any, site_url: str) -> None:
    watched = Watched(browser, site_url, VIEWPORTS["desktop"])
    page = watched.page
    # As of the end of November 2026, so the year counted is the same on any day.
    page.goto(site_url + "/regions/central-asia?to=2026-11-29")
    page.wait_for_selector("#region-map[data-ready=true]")
    shaded = page.locator("#region-map path.map-share")
    assert shaded.count() == 5  # the five Central Asian republics
    assert page.locator("#region-map path.map-share-5").count() >= 1  # the most events
    page.wait_for_selector("#region-timeline[data-ready=true]")
    assert int(page.locator("#region-timeline").get_attribute("data-events") or 0) >= 20
    page.screenshot(path=str(SHOTS / "worldbrief-region-central-asia.png"), full_page=True)
    watched.clean()
    page.close()
