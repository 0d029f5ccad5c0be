"""Evidence highlighting in a real Chromium: a country chip marks the sentences behind it."""

import json

import pytest
from test_browser import CHROMIUM, browser, playwright_api, site_url

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
]
__all__ = ["browser", "playwright_api", "site_url"]  # fixtures shared with test_browser

MARKS = "[data-testid=article-body] mark.evidence"


def article_urls(page, site_url: str, access: str) -> list[str]:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}/api/articles?access={access}&limit=100")
    return page.evaluate(
        "() => JSON.parse(document.body.innerText).articles.map(a => new URL(a.url).pathname)"
    )  # type: ignore[no-any-return]


def test_hovering_or_focusing_a_chip_highlights_its_sentences(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    for url in article_urls(page, site_url, "free"):
        page.goto(site_url + url)
        chip = page.locator("[data-testid=country-chip][data-evidence]").first
        if chip.count():
            break
    else:
        pytest.fail("no free demo article has a country chip with evidence")
    body_before = page.get_by_test_id("article-body").inner_text()
    assert page.locator(MARKS).count() == 0

    chip.hover()
    page.wait_for_selector(MARKS)
    sentences = [" ".join(s.split()) for s in json.loads(chip.get_attribute("data-evidence"))]
    for marked in page.locator(MARKS).all_inner_texts():
        assert any(" ".join(marked.split()) in s for s in sentences), marked

    page.mouse.move(0, 0)
    page.wait_for_selector(MARKS, state="detached")
    assert page.get_by_test_id("article-body").inner_text() == body_before  # text left intact

    chip.focus()  # the keyboard works like the mouse
    page.wait_for_selector(MARKS)
    page.keyboard.press("Shift+Tab")
    page.wait_for_selector(MARKS, state="detached")

    href = chip.get_attribute("href")
    chip.click()  # and the chip is still a link
    page.wait_for_url(f"**{href}")
    page.close()


def test_members_article_shows_no_evidence_to_an_anonymous_reader(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    url = article_urls(page, site_url, "members")[0]
    page.goto(site_url + url)
    assert page.get_by_test_id("paywall").is_visible()
    chips = page.get_by_test_id("country-chip")
    assert chips.count() >= 1
    chips.first.hover()
    chips.first.focus()
    assert page.locator("mark.evidence").count() == 0
    assert page.locator("[data-evidence]").count() == 0
    page.close()
