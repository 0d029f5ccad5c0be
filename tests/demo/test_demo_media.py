"""The demo corpus never shows a dead player: its dispatch plays a clip the site serves itself,
and every other demo article shows its transcript alone."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi.testclient import TestClient

from worldbrief.config import Settings
from worldbrief.domain import Article, RawDocument, RejectedRecord
from worldbrief.services.demo import load_demo_if_empty, with_site_media
from worldbrief.services.platform import Platform, open_platform
from worldbrief.store import ArticleFilter
from worldbrief.web.app import create_app
from worldbrief.web.templating import static_dir

CLIP = "demo/zhanaozen-oil-unrest.webm"
WEBM_MAGIC = b"\x1a\x45\xdf\xa3"  # the EBML header every WebM file starts with


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Platform]]:
    """The demo site on a real port, whose base URL is that address."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    settings = Settings(data_dir=tmp_path_factory.mktemp("demo-media") / "data", base_url=base_url)
    platform = open_platform(settings)
    report = load_demo_if_empty(platform)
    assert report is not None and not report.rejected, report and report.rejected
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings, platform), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield base_url, platform
    server.should_exit = True
    thread.join(timeout=10)
    platform.close()


def demo_articles(platform: Platform) -> list[Article]:
    _, articles = platform.store.list_articles(ArticleFilter(limit=200))
    return articles


def the_2011_dispatch(platform: Platform) -> Article:
    return next(
        a for a in demo_articles(platform) if a.type == "dispatch" and a.published_at.year == 2011
    )


def test_the_clip_ships_with_the_site_and_is_small() -> None:
    clip = static_dir() / CLIP
    data = clip.read_bytes()
    assert data.startswith(WEBM_MAGIC)
    assert len(data) < 300_000


def test_the_2011_dispatch_plays_the_clip_from_the_sites_own_address(
    site: tuple[str, Platform],
) -> None:
    base_url, platform = site
    dispatch = the_2011_dispatch(platform)
    assert dispatch.media_url == f"{base_url}/static/{CLIP}"
    assert "site_media" not in dispatch.metadata


def test_no_demo_article_points_at_media_the_site_does_not_serve(
    site: tuple[str, Platform],
) -> None:
    base_url, platform = site
    with TestClient(create_app(platform.settings, platform)) as client:
        for article in demo_articles(platform):
            if article.media_url is None:
                continue
            assert article.media_url.startswith(f"{base_url}/static/"), article.title
            answer = client.get(
                article.media_url.removeprefix(base_url), headers={"Range": "bytes=0-3"}
            )
            assert answer.status_code == 206, article.media_url
            assert answer.content == WEBM_MAGIC
            assert answer.headers["content-type"] == "video/webm"


def test_a_site_media_path_outside_the_static_files_is_refused() -> None:
    def record(path: object) -> RawDocument:
        return RawDocument(location="demo.md", title="T", body="B", metadata={"site_media": path})

    bad = ["../../etc/passwd", "/etc/passwd", "https://elsewhere.example/x.webm", "demo/../x", 3]
    for path in bad:
        (outcome,) = with_site_media([record(path)], "http://127.0.0.1:8000")
        assert isinstance(outcome, RejectedRecord), path
        assert "not a path under the site's static files" in outcome.reason
    (good,) = with_site_media([record(CLIP)], "https://news.example.org/")
    assert isinstance(good, RawDocument)
    assert good.media_url == f"https://news.example.org/static/{CLIP}"
    assert good.metadata == {}


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_the_dispatch_video_plays_in_a_browser(site: tuple[str, Platform]) -> None:
    playwright_api = pytest.importorskip("playwright.sync_api")
    base_url, platform = site
    dispatch = the_2011_dispatch(platform)
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--autoplay-policy=no-user-gesture-required",
            ],
        )
        page = browser.new_page()
        page.goto(f"{base_url}/articles/{dispatch.id}")
        assert page.locator("video").count() == 1
        played = page.evaluate(
            """async () => {
                const video = document.querySelector("video");
                video.muted = true;
                await video.play();
                await new Promise(done => setTimeout(done, 1500));
                return {error: video.error && video.error.code, duration: video.duration,
                        time: video.currentTime, width: video.videoWidth};
            }"""
        )
        browser.close()
    assert played["error"] is None
    assert played["duration"] > 60 and played["width"] == 640
    assert played["time"] > 0
