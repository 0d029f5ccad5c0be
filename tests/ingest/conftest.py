"""Fixtures for fetch and feed tests: a local HTTP server and settings that may reach it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from support.local_http_server import LocalServer
from worldbrief.config import Settings


@pytest.fixture
def server() -> Iterator[LocalServer]:
    running = LocalServer()
    running.start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def local_settings() -> Settings:
    """Settings that let fetches reach the local test server."""
    return Settings(fetch_allow_private=True, fetch_timeout_seconds=5.0, fetch_max_bytes=100_000)
