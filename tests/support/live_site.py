"""`worldbrief serve` as a real subprocess on a free port of 127.0.0.1, and the CLI beside it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

START_TIMEOUT_SECONDS = 90.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def site_environment(
    data_dir: Path, database_url: str | None = None, **settings: str
) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORLDBRIEF_")}
    env["WORLDBRIEF_DATA_DIR"] = str(data_dir)
    if database_url:
        env["WORLDBRIEF_DATABASE_URL"] = database_url
    env.update({f"WORLDBRIEF_{key.upper()}": value for key, value in settings.items()})
    env["COLUMNS"] = "200"
    return env


def run_cli(
    env: dict[str, str], *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """One `worldbrief` command in its own process; fails the test when it fails."""
    done = subprocess.run(
        [sys.executable, "-m", "worldbrief.cli.main", *args],
        env=env, input=stdin, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, f"worldbrief {' '.join(args)}: {done.stderr}"
    return done


@dataclass
class LiveSite:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@contextmanager
def live_site(env: dict[str, str], log_dir: Path, workers: int = 1) -> Iterator[LiveSite]:
    """Start `worldbrief serve --workers N`, wait until it answers, stop it afterwards."""
    port = free_port()
    log = log_dir / f"serve-{port}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "worldbrief.cli.main", "serve", "--port", str(port),
             "--workers", str(workers)],
            env=env, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    site = LiveSite(f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_until_up(site)
        yield site
    finally:
        _stop(process)


def _wait_until_up(site: LiveSite) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if site.process.poll() is not None:
            raise AssertionError(f"worldbrief serve exited early:\n{site.output()}")
        try:
            if httpx.get(site.url + "/api/search", params={"q": "x"}, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"worldbrief serve did not answer in time:\n{site.output()}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)  # the server and the workers it started
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
