"""Every page's <title> names the site once."""

import lxml.html
import pytest
from fastapi.testclient import TestClient

from worldbrief.services.platform import Platform
from worldbrief.store import ArticleFilter


def title_of(client: TestClient, path: str) -> str:
    answer = client.get(path)
    assert answer.status_code in (200, 400, 404), (path, answer.status_code)
    title = lxml.html.fromstring(answer.text).findtext(".//title")
    assert title is not None, path
    return title


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?region=eurasia",
        "/regions",
        "/regions/central-asia",
        "/countries/kz",
        "/search",
        "/search?q=oil",
        "/subscribe",
        "/login",
        "/signup",
        "/reset",
        "/docs",
        "/no-such-page",
    ],
)
def test_each_main_page_names_the_site_once(client: TestClient, path: str) -> None:
    title = title_of(client, path)
    assert title.count("worldbrief") == 1, title
    assert title.endswith("worldbrief"), title


def test_pages_of_a_place_or_an_article_lead_with_their_own_name(
    client: TestClient, demo_platform: Platform
) -> None:
    assert title_of(client, "/countries/kz") == "Kazakhstan · worldbrief"
    assert title_of(client, "/") == "worldbrief"
    _, (latest,) = demo_platform.store.list_articles(ArticleFilter(limit=1))
    assert title_of(client, f"/articles/{latest.id}") == f"{latest.title} · worldbrief"
