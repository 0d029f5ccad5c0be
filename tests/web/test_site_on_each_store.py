"""The served site works the same on SQLite and on PostgreSQL (`worldbrief serve` on either)."""

from pathlib import Path

from fastapi.testclient import TestClient

from worldbrief.config import Settings
from worldbrief.services.demo import load_demo_if_empty
from worldbrief.services.platform import open_platform
from worldbrief.web.app import create_app


def test_demo_site_serves_pages_search_and_feeds(store_url: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", database_url=store_url)
    platform = open_platform(settings)
    try:
        report = load_demo_if_empty(platform)
        assert report is not None and report.created >= 30 and not report.rejected
        assert load_demo_if_empty(platform) is None  # a store with content is left alone
        with TestClient(create_app(settings, platform)) as client:
            articles = client.get("/api/articles", params={"limit": 100}).json()
            assert articles["total"] == report.created
            first = articles["articles"][0]
            page = client.get(first["url"])
            assert page.status_code == 200 and first["title"].split()[0] in page.text
            assert client.get("/countries/kz").status_code == 200
            found = client.get("/api/search", params={"q": "Fergana"}).json()
            assert found["total"] >= 1
            assert client.get("/feeds/latest.atom").status_code == 200
    finally:
        platform.close()
