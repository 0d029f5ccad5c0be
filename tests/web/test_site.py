"""The site as a reader sees it, over the bundled demo corpus."""

import re

from fastapi.testclient import TestClient

from worldbrief.domain import AccessLevel
from worldbrief.services.platform import Platform
from worldbrief.store import ArticleFilter

DATELINE = re.compile(r"[A-Z][a-z]{2} \d{1,2}, \d{4} \| \d{2}:\d{2} GMT")


def first_article(platform: Platform, access: AccessLevel, **kwargs: object):  # type: ignore[no-untyped-def]
    _, articles = platform.store.list_articles(ArticleFilter(limit=200, **kwargs))  # type: ignore[arg-type]
    return next(a for a in articles if a.access is access)


def test_home_lists_latest_articles_by_type(client: TestClient, demo_platform: Platform) -> None:
    page = client.get("/")
    assert page.status_code == 200
    _, latest = demo_platform.store.list_articles(ArticleFilter(limit=1))
    assert latest[0].title in page.text
    assert "Analysis" in page.text and "Dispatch" in page.text
    assert DATELINE.search(page.text)


def test_home_filters_by_region(client: TestClient) -> None:
    page = client.get("/?region=eurasia")
    assert page.status_code == 200
    assert "Eurasia" in page.text


def test_the_2011_dispatch_page_reads_like_the_publication(
    client: TestClient, demo_platform: Platform
) -> None:
    _, articles = demo_platform.store.list_articles(ArticleFilter(types=("dispatch",), limit=100))
    dispatch = next(a for a in articles if a.published_at.year == 2011)
    page = client.get(f"/articles/{dispatch.id}")
    assert page.status_code == 200
    text = page.text
    assert "Dec 20, 2011 | 19:28 GMT" in text
    assert re.search(r"\d+ MINS? READ", text)
    assert "Dispatch" in text
    assert dispatch.authors[0].name in text and (dispatch.authors[0].role or "") in text
    assert "<video" in text or "<audio" in text
    assert 'data-testid="country-chip"' in text and "/countries/kz" in text


def test_article_url_without_slug_redirects_to_the_canonical_one(
    client: TestClient, demo_platform: Platform
) -> None:
    _, articles = demo_platform.store.list_articles(ArticleFilter(limit=1))
    response = client.get(f"/articles/{articles[0].id}", follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"].startswith(f"/articles/{articles[0].id}/")


def test_members_article_shows_teaser_and_paywall_not_body(
    client: TestClient, demo_platform: Platform
) -> None:
    locked = first_article(demo_platform, AccessLevel.MEMBERS)
    page = client.get(f"/articles/{locked.id}", follow_redirects=True)
    assert page.status_code == 200
    assert 'data-testid="paywall"' in page.text
    assert locked.teaser[:60] in page.text.replace("&#39;", "'").replace("&quot;", '"')
    body_only = locked.plain_text[len(locked.plain_text) // 2 :][:80]
    assert body_only not in page.text


def test_free_article_shows_body_and_connected_content(
    client: TestClient, demo_platform: Platform
) -> None:
    free = first_article(demo_platform, AccessLevel.FREE)
    page = client.get(f"/articles/{free.id}", follow_redirects=True)
    assert 'data-testid="paywall"' not in page.text
    assert 'data-testid="article-body"' in page.text
    assert "Connected Content" in page.text


def test_unknown_article_is_a_friendly_404(client: TestClient) -> None:
    page = client.get("/articles/nope")
    assert page.status_code == 404
    assert "could not find" in page.text


def test_regions_page_lists_regions_countries_and_counts(client: TestClient) -> None:
    page = client.get("/regions")
    assert page.status_code == 200
    for name in ("Eurasia", "Central Asia", "Kazakhstan", "Africa", "Latin America"):
        assert name in page.text


def test_country_and_region_pages(client: TestClient) -> None:
    country = client.get("/countries/kz")
    assert country.status_code == 200 and "Kazakhstan" in country.text
    assert "Central Asia" in country.text
    assert client.get("/regions/central-asia").status_code == 200
    assert client.get("/countries/zz").status_code == 404
    assert client.get("/regions/atlantis").status_code == 404


def test_search_page_has_highlights_facets_and_pagination(client: TestClient) -> None:
    page = client.get("/search", params={"q": "water"})
    assert page.status_code == 200
    assert "<mark>" in page.text.lower()
    assert 'data-testid="search-hit"' in page.text
    assert "Region" in page.text and "Country" in page.text


def test_search_page_explains_bad_syntax(client: TestClient) -> None:
    page = client.get("/search", params={"q": '"unbalanced'})
    assert page.status_code == 400
    assert "quote" in page.text.lower()


def test_search_rejects_bad_dates_clearly(client: TestClient) -> None:
    page = client.get("/search", params={"q": "oil", "from": "yesterday"})
    assert page.status_code == 400
    assert "YYYY-MM-DD" in page.text


def test_pages_carry_security_headers_and_no_external_assets(client: TestClient) -> None:
    page = client.get("/")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    assert not re.search(r'(src|href)="https?://(?!127\.0\.0\.1)', page.text)


def test_the_search_forms_date_fields_filter_the_results(client: TestClient) -> None:
    import lxml.html

    page = lxml.html.fromstring(client.get("/search?q=&sort=newest").text)
    form = next(f for f in page.forms if f.xpath('.//input[@type="date"]'))
    starts, ends = form.xpath('.//input[@type="date"]')
    everything = client.get(form.action or "/search", params={"sort": "newest"})
    fields = {"sort": "newest", starts.name: "2020-01-01", ends.name: "2020-12-31"}
    within = client.get(form.action or "/search", params=fields)
    assert within.status_code == 200
    years = re.findall(r"[A-Z][a-z]{2} \d{1,2}, (\d{4}) \| \d{2}:\d{2} GMT", within.text)
    assert years and set(years) == {"2020"}
    assert len(re.findall(DATELINE, everything.text)) > len(years)
