"""A killed alert pass loses nothing and records nothing twice: `kill -9` mid-pass, run again,
and every article has exactly one alert per watchlist it matches, the cursor at the end."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from alerts.conftest import OWNER, article
from worldbrief.config import Settings
from worldbrief.domain.account import Role
from worldbrief.services.platform import open_platform
from worldbrief.services.watchlists import WatchlistRequest, add_watchlist, watchlists_of
from worldbrief.store import AccountStore
from worldbrief.store.alert_tables import alert_cursors

ARTICLES = 1200
BATCH = 20


def _alert_pass(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "worldbrief.cli.main", "alerts", "run", "--batch", str(BATCH)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip


def test_kill_during_a_pass_then_rerun_records_every_alert_once(
    tmp_path: Path, store_url: str
) -> None:
    settings = Settings(data_dir=tmp_path / "data", database_url=store_url)
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORLDBRIEF_")}
    env |= {"WORLDBRIEF_DATA_DIR": str(settings.data_dir), "WORLDBRIEF_DATABASE_URL": store_url}
    platform = open_platform(settings)
    try:
        now = datetime.now(UTC)
        AccountStore.alongside(platform.store).create_account(
            OWNER, "not-a-hash", Role.REGISTERED, actor="test", now=now
        )
        everything = add_watchlist(platform, OWNER, WatchlistRequest("KZ", countries=["KZ"]))
        wheat = add_watchlist(platform, OWNER, WatchlistRequest("wheat", query="wheat"))
        recent = now - timedelta(hours=1)
        for start in range(0, ARTICLES, 200):
            platform.store.upsert_articles(
                [
                    article(f"a{i}", published=recent, text=f"Title\n\n{_crop(i)} came by rail.")
                    for i in range(start, start + 200)
                ]
            )
        first = _alert_pass(env)
        deadline = time.monotonic() + 300
        # Kill as soon as some batch is recorded, while later ones are still being matched.
        while _cursor(platform.store.engine) is None and first.poll() is None:
            assert time.monotonic() < deadline, "the first batch was never recorded"
            time.sleep(0.02)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=60)
        at_kill = _cursor(platform.store.engine)
        assert at_kill is not None and 0 < at_kill <= platform.store.max_seq()

        second = _alert_pass(env)
        assert second.wait(timeout=600) == 0

        store = watchlists_of(platform)
        assert _cursor(platform.store.engine) == platform.store.max_seq()
        assert len(store.alerts_of(everything.id, limit=ARTICLES * 2)) == ARTICLES
        assert len(store.alerts_of(wheat.id, limit=ARTICLES * 2)) == ARTICLES // 2
        assert store.alert_count() == ARTICLES + ARTICLES // 2
    finally:
        platform.close()


def _crop(i: int) -> str:
    return "Wheat" if i % 2 == 0 else "Barley"


def _cursor(engine: sa.Engine) -> int | None:
    with engine.connect() as conn:
        found = conn.execute(sa.select(alert_cursors.c.seq)).scalar()
    return None if found is None else int(found)
