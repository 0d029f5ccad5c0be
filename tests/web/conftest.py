from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from worldbrief.config import Settings
from worldbrief.services.demo import load_demo_if_empty
from worldbrief.services.platform import Platform, open_platform
from worldbrief.web.app import create_app


@pytest.fixture(scope="session")
def demo_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(
        data_dir=tmp_path_factory.mktemp("demo") / "data", api_write_token="s3cret-token"
    )


@pytest.fixture(scope="session")
def demo_platform(demo_settings: Settings) -> Iterator[Platform]:
    platform = open_platform(demo_settings)
    report = load_demo_if_empty(platform)
    assert report is not None and not report.rejected, report and report.rejected
    yield platform
    platform.close()


@pytest.fixture(scope="session")
def client(demo_settings: Settings, demo_platform: Platform) -> Iterator[TestClient]:
    with TestClient(create_app(demo_settings, demo_platform)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    from worldbrief.services.demo import demo_articles_dir

    return demo_articles_dir()
