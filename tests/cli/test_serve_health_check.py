"""`worldbrief serve --workers N` gives a starting worker time to import before the
supervisor's health check gives up on it."""

from __future__ import annotations

from worldbrief.cli.serve import server_config
from worldbrief.config import Settings

UVICORN_DEFAULT_SECONDS = 5


def test_a_worker_slow_to_import_on_a_busy_machine_is_not_killed_as_hung() -> None:
    """Importing the application took about 5 s on two busy cores: with uvicorn's default,
    workers were killed before they answered and started again, over and over."""
    config = server_config(Settings(), "127.0.0.1", 0, processes=2)
    assert config.timeout_worker_healthcheck >= 6 * UVICORN_DEFAULT_SECONDS
    assert config.workers == 2
