"""From an article to its event, to an actor and back, in a real Chromium at desktop and
phone width: hovering an event of "What happened" marks its evidence in the body, the event
page draws its place on the map, the actor page its map and monthly timeline. No console
error, no request off the site's origin. Screenshots go to the temporary directory for a
person to look at (docs/images holds the ones the docs show)."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from test_browser import CHROMIUM, browser, playwright_api, site_url
from test_country_browser import VIEWPORTS, Watched

from worldbrief.membership.roles import ANONYMOUS
from worldbrief.services.actor_pages import actor_page
from worldbrief.services.event_pages import article_events, event_page
from worldbrief.services.platform import Platform
from worldbrief.services.reading import read_article
from worldbrief.store import ArticleFilter
from worldbrief.web.views import article_url

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
]
__all__ = ["browser", "playwright_api", "site_url"]  # fixtures shared with test_browser

SHOTS = Path(tempfile.gettempdir())
MARKS = "[data-testid=article-body] mark.evidence"


@dataclass(frozen=True)
class Walk:
    """A free demo article, the position of one of its events that is linked, placed and
    names a known actor, and that actor, whose page lists the article."""

    url: str
    title: str
    position: int
    entity_id: str


@pytest.fixture(scope="module")
def walk(demo_platform: Platform) -> Walk:
    """Of the candidates, the one whose event has most related events: the fullest pages."""
    _, found = demo_platform.store.list_articles(ArticleFilter(access="free", limit=500))
    candidates: list[tuple[int, str, Walk]] = []
    for article in found:
        reading = read_article(demo_platform, article.id, ANONYMOUS)
        assert reading is not None
        for position, item in enumerate(article_events(demo_platform, reading)):
            mention = item.mention
            known = [a.entity_id for a in mention.actors if a.entity_id]
            if not known or item.event_id is None or mention.place is None or not item.sentences:
                continue
            listed = actor_page(demo_platform, known[0])
            if listed is None or all(h.id != article.id for h in listed.articles):
                continue
            shown = event_page(demo_platform, item.event_id, ANONYMOUS)
            related = len(shown.related) if shown else 0
            url = article_url(article.id, article.title)
            walk = Walk(url, article.title, position, known[0])
            candidates.append((-related, f"{article.id}/{position}", walk))
    if not candidates:
        pytest.fail("no free demo article reports a placed event naming a known actor")
    return min(candidates, key=lambda c: c[:2])[2]


def _hover_event(page: Any, walk: Walk) -> Any:
    item = page.locator("[data-testid=article-event]").nth(walk.position)
    item.scroll_into_view_if_needed()
    item.hover()
    page.wait_for_selector(MARKS)
    sentences = [" ".join(s.split()) for s in json.loads(item.get_attribute("data-evidence"))]
    marked = page.locator(MARKS).all_inner_texts()
    assert marked and all(any(" ".join(m.split()) in s for s in sentences) for m in marked)
    return item


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_article_to_event_to_actor_and_back(
    browser: Any, site_url: str, walk: Walk, width: str
) -> None:
    watched = Watched(browser, site_url, VIEWPORTS[width])
    page = watched.page
    page.goto(site_url + walk.url)
    assert page.locator(MARKS).count() == 0
    item = _hover_event(page, walk)
    # The marked sentences and the list they belong to in one picture (page coordinates).
    clip = page.evaluate(
        """() => { const r = (id) => document.querySelector(`[data-testid=${id}]`)
                                       .getBoundingClientRect();
                   const body = r('article-body'), list = r('what-happened');
                   return { x: Math.max(body.left - 8, 0), y: body.top + scrollY - 8,
                            width: body.width + 16, height: list.bottom - body.top + 16 }; }"""
    )
    page.screenshot(
        path=str(SHOTS / f"worldbrief-what-happened-{width}.png"), full_page=True, clip=clip
    )
    page.mouse.move(0, 0)
    page.wait_for_selector(MARKS, state="detached")
    item.locator("a").first.focus()  # the keyboard works like the mouse
    page.wait_for_selector(MARKS)
    page.evaluate("document.activeElement.blur()")
    page.wait_for_selector(MARKS, state="detached")

    item.locator("a[href^='/events/']").first.click()
    page.wait_for_url("**/events/**")
    page.wait_for_selector("#event-map[data-ready=true]")
    assert page.locator("#event-map .map-point-event").count() == 1
    assert page.locator("#event-map path.map-land").count() > 10  # the world's outlines
    assert page.get_by_test_id("event-source").count() >= 1
    page.screenshot(path=str(SHOTS / f"worldbrief-event-{width}.png"), full_page=True)

    page.locator(f"[data-testid=event-actors] a[href='/actors/{walk.entity_id}']").click()
    page.wait_for_url(f"**/actors/{walk.entity_id}")
    page.wait_for_selector("#actor-map[data-ready=true]")
    page.wait_for_selector("#actor-timeline[data-ready=true]")
    assert page.locator("#actor-map .map-point-event").count() >= 1
    chart = page.locator("#actor-timeline canvas")
    assert chart.count() == 1 and (chart.bounding_box() or {"width": 0})["width"] > 200
    page.screenshot(path=str(SHOTS / f"worldbrief-actor-{width}.png"), full_page=True)

    page.locator("[data-testid=actor-articles] a", has_text=walk.title).first.click()
    page.wait_for_url(f"**{walk.url}")
    assert page.locator("h1").first.inner_text().strip() == walk.title
    no_wider = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert no_wider, "the article scrolls sideways"
    watched.clean()
    page.close()
