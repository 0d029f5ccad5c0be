"""`worldbrief serve --workers 2` as a real server, on each store backend: with the public
answers kept in every worker, an ingest by the command line and a desk publication, each in
another process, show on the very next request to every worker, and so does the paywall."""

from __future__ import annotations

import http.client
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psutil
import pytest

from support.live_site import LiveSite, live_site, run_cli, site_environment
from worldbrief.config import Settings
from worldbrief.domain.account import Role
from worldbrief.domain.draft import DraftContent
from worldbrief.membership.roles import Viewer
from worldbrief.services import desk
from worldbrief.services.platform import Platform, open_platform

WORD = "quembrillo"  # in no other text
SEED = """---
title: "Grain barges wait at the {word} locks"
teaser: "Barge crews say the locks reopened."
published_at: 2024-04-01T08:00:00Z
access: {access}
---
Barge crews on the lower river say the {word} locks reopened after repairs.

The {word} repairs took three weeks and cost the shippers a season's margin.
"""
ADDED = """---
title: "Ferry service returns to {word} island"
published_at: 2024-06-01T08:00:00Z
access: free
---
The island's {word} ferry sails again after a winter without crossings.
"""
EDITOR = Viewer(Role.EDITOR, "editor@example.org")
ROUND_SECONDS = 90.0  # a bound on reaching both workers, never a speed check


@dataclass(frozen=True)
class Answer:
    worker: int  # the pid of the worker that answered, 0 when it could not be told
    status: int
    headers: dict[str, str]
    text: str


class Site:
    def __init__(self, live: LiveSite) -> None:
        self.live = live
        parts = urlsplit(live.url)
        self.host, self.port = parts.hostname or "", parts.port or 80
        assert len(self.workers()) == 2, live.output()

    def workers(self) -> list[psutil.Process]:
        """The worker processes now (the supervisor replaces one that stops answering)."""
        children = psutil.Process(self.live.process.pid).children(recursive=True)
        return [p for p in children if "spawn_main" in " ".join(p.cmdline())]

    def get(self, path: str, headers: dict[str, str] | None = None) -> Answer:
        """One request on a new connection, and which worker held it."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.connect()
            assert connection.sock is not None
            client_port: int = connection.sock.getsockname()[1]
            connection.request("GET", path, headers=headers or {})
            answer = connection.getresponse()
            text = answer.read().decode("utf-8", "replace")
            # Still connected: the worker holding the server side of it answered.
            worker = next((w.pid for w in self.workers() for c in _connections(w)
                           if c.raddr and c.raddr.port == client_port
                           and c.laddr.port == self.port), 0)  # fmt: skip
            return Answer(worker, answer.status, dict(answer.getheaders()), text)
        finally:
            connection.close()

    def from_every_worker(self, path: str, *, kept: bool = False) -> list[Answer]:
        """Ask until each worker has answered (with a kept answer when ``kept``); every answer
        along the way is returned, so a caller can check them all."""
        answers: list[Answer] = []
        seen: set[int] = set()
        deadline = time.monotonic() + ROUND_SECONDS
        while not {w.pid for w in self.workers()} <= seen:
            assert time.monotonic() < deadline, f"not every worker answered {path}"
            answer = self.get(path)
            answers.append(answer)
            if answer.worker and (not kept or answer.headers.get("x-cache") == "hit"):
                seen.add(answer.worker)
        return answers


def _connections(process: psutil.Process) -> list[Any]:
    try:
        return list(process.net_connections(kind="tcp"))
    except psutil.NoSuchProcess:
        return []


@pytest.fixture
def env(tmp_path: Path, store_url: str) -> dict[str, str]:
    return site_environment(tmp_path / "data", database_url=store_url)


@pytest.fixture
def site(env: dict[str, str], tmp_path: Path) -> Iterator[Site]:
    seed = tmp_path / "seed.md"
    seed.write_text(SEED.format(word=WORD, access="free"), encoding="utf-8")
    run_cli(env, "ingest", str(seed))
    with live_site(env, tmp_path, workers=2) as live:
        yield Site(live)
        assert "Traceback" not in live.output()


def _all_show(answers: list[Answer], check: Callable[[Answer], bool], what: str) -> None:
    stale = [(a.worker, a.headers.get("x-cache"), a.status) for a in answers if not check(a)]
    assert not stale, f"{what}: stale answers (worker, x-cache, status): {stale}"


def _platform(env: dict[str, str]) -> Platform:
    return open_platform(
        Settings(
            data_dir=Path(env["WORLDBRIEF_DATA_DIR"]), database_url=env["WORLDBRIEF_DATABASE_URL"]
        )
    )


def _index_reaches_store(platform: Platform) -> None:
    """Wait until the server's own catch-up brings the index level with the store."""
    deadline = time.monotonic() + ROUND_SECONDS
    while platform.index.applied_seq() < platform.store.max_seq():
        assert time.monotonic() < deadline, "the server's index never caught up"
        time.sleep(0.1)


def test_an_ingest_by_another_process_shows_on_the_next_request_to_every_worker(
    site: Site, env: dict[str, str], tmp_path: Path
) -> None:
    search = f"/api/search?q={WORD}"
    for path in ("/", "/feeds/latest.atom", "/api/articles", search):
        site.from_every_worker(path, kept=True)  # each worker holds the answer
    before = site.get("/")
    added = tmp_path / "added.md"
    added.write_text(ADDED.format(word=WORD), encoding="utf-8")
    run_cli(env, "ingest", str(added))

    title = f"Ferry service returns to {WORD} island"
    for path in ("/", "/feeds/latest.atom", "/api/articles"):
        _all_show(site.from_every_worker(path), lambda a: title in a.text, path)
    revalidated = site.get("/", headers={"If-None-Match": before.headers["etag"]})
    assert revalidated.status == 200 and title in revalidated.text

    platform = _platform(env)
    try:
        _index_reaches_store(platform)
    finally:
        platform.close()
    _all_show(site.from_every_worker(search), lambda a: title in a.text, "search")


def test_a_desk_publication_by_another_process_shows_on_the_next_request_to_every_worker(
    site: Site, env: dict[str, str]
) -> None:
    site.from_every_worker("/", kept=True)
    platform = _platform(env)
    try:
        content = DraftContent(title="Border crossing reopens at Dostyk", body="Trucks move again.")
        draft = desk.create_draft(platform, EDITOR, content)
        published = desk.publish_draft(platform, EDITOR, draft.id)
    finally:
        platform.close()
    assert published.article_id is not None
    _all_show(site.from_every_worker("/"), lambda a: content.title in a.text, "home page")
    article = site.get(f"/articles/{published.article_id}/border-crossing-reopens-at-dostyk")
    assert article.status == 200 and "Trucks move again" in article.text


def test_an_article_made_members_only_locks_on_the_next_request_to_every_worker(
    site: Site, env: dict[str, str], tmp_path: Path
) -> None:
    link = re.search(r'href="(/articles/[^"/]+/grain-barges[^"]*)"', site.get("/").text)
    assert link, "the seeded article is not on the home page"
    path = link[1]
    opened = site.from_every_worker(path, kept=True)
    assert all("repairs took three weeks" in a.text for a in opened)
    locked = tmp_path / "seed.md"
    locked.write_text(SEED.format(word=WORD, access="members"), encoding="utf-8")
    run_cli(env, "ingest", str(locked))
    _all_show(
        site.from_every_worker(path),
        lambda a: "repairs took three weeks" not in a.text and 'data-testid="paywall"' in a.text,
        "the members-only article",
    )
