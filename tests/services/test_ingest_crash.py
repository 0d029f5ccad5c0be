"""A killed ingest loses nothing: `kill -9` mid-run, run again, and every record is stored once,
indexed once, and the change log agrees with the store."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from worldbrief.config import Settings
from worldbrief.search.query import SearchQuery
from worldbrief.services.indexing import catch_up
from worldbrief.services.platform import open_platform

RECORDS = 1200
TOWNS = ["Aktau", "Almaty", "Bishkek", "Osh", "Khujand", "Tashkent", "Samarkand", "Ashgabat"]


def _write_corpus(path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(RECORDS):
            town = TOWNS[i % len(TOWNS)]
            body = (
                f"Report {i}: officials in {town} said on Monday that wheat deliveries number {i} "
                f"arrived by rail. Traders in {TOWNS[(i + 3) % len(TOWNS)]} expect item {i * 7} "
                f"to follow, the ministry said in statement {i * 13}."
            )
            day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
            record = {"id": f"crash-{i}", "source": "Crash Wire", "title": f"Deliveries {i}",
                      "body": body, "published_at": day}  # fmt: skip
            out.write(json.dumps(record) + "\n")


def _ingest(env: dict[str, str], corpus: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "worldbrief.cli.main", "ingest", str(corpus)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip


def test_kill_during_ingest_then_rerun_stores_and_indexes_everything_once(
    tmp_path: Path, store_url: str
) -> None:
    corpus = tmp_path / "wire.jsonl"
    _write_corpus(corpus)
    settings = Settings(data_dir=tmp_path / "data", database_url=store_url)
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORLDBRIEF_")}
    env |= {"WORLDBRIEF_DATA_DIR": str(settings.data_dir), "WORLDBRIEF_DATABASE_URL": store_url}

    platform = open_platform(settings)  # migrated before the ingest starts
    try:
        first = _ingest(env, corpus)
        deadline = time.monotonic() + 300
        # Kill as soon as some batch is committed, while later ones are still being worked on.
        while platform.store.count() == 0 and first.poll() is None:
            assert time.monotonic() < deadline, "the first batch never arrived"
            time.sleep(0.05)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=60)
        stored_at_kill = platform.store.count()
        assert 0 < stored_at_kill <= RECORDS

        second = _ingest(env, corpus)
        assert second.wait(timeout=600) == 0

        assert platform.store.count() == RECORDS
        catch_up(platform.store, platform.index)
        indexed = platform.index.search(SearchQuery(text="", per_page=1)).total
        assert indexed == RECORDS
        changes = platform.store.changes_since(0, limit=RECORDS * 3)
        upserted = {c.article_id for c in changes if c.op == "upsert"}
        assert len(upserted) == RECORDS
        # A rerun of what was already stored changes nothing: one upsert per article.
        assert len(changes) == RECORDS
    finally:
        platform.close()
