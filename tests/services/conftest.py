from collections.abc import Iterator
from pathlib import Path

import pytest

from worldbrief.config import Settings
from worldbrief.services.platform import Platform, open_platform


@pytest.fixture
def platform(tmp_path: Path, store_url: str) -> Iterator[Platform]:
    opened = open_platform(Settings(data_dir=tmp_path / "data", database_url=store_url))
    yield opened
    opened.close()
