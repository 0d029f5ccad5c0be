"""A delivery killed mid-pass loses nothing and repeats at most the one mail it was sending:
`kill -9` while `worldbrief alerts run` mails, then a later pass, against a real SMTP server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from alerts.conftest import article
from support.mailbox import running_mailbox
from worldbrief.config import Settings
from worldbrief.domain.account import Role
from worldbrief.domain.watchlists import DeliveryState
from worldbrief.services.alert_delivery import run_alert_delivery
from worldbrief.services.alerts import run_alert_pass
from worldbrief.services.platform import open_platform
from worldbrief.services.watchlists import WatchlistRequest, add_watchlist, watchlists_of
from worldbrief.store import AccountStore, AlertDeliveryStore

READERS = 60


def test_kill_while_mailing_then_a_later_pass_sends_every_alert_once_or_the_last_again(
    tmp_path: Path, store_url: str
) -> None:
    with running_mailbox() as (box, port):
        settings = Settings(
            data_dir=tmp_path / "data", database_url=store_url, smtp_host="127.0.0.1",
            smtp_port=port, smtp_starttls=False,
        )  # fmt: skip
        env = {k: v for k, v in os.environ.items() if not k.startswith("WORLDBRIEF_")}
        env |= {
            "WORLDBRIEF_DATA_DIR": str(settings.data_dir), "WORLDBRIEF_DATABASE_URL": store_url,
            "WORLDBRIEF_SMTP_HOST": "127.0.0.1", "WORLDBRIEF_SMTP_PORT": str(port),
            "WORLDBRIEF_SMTP_STARTTLS": "false",
        }  # fmt: skip
        platform = open_platform(settings)
        try:
            now = datetime.now(UTC)
            accounts = AccountStore.alongside(platform.store)
            watched = []
            for n in range(READERS):
                email = f"reader{n}@example.org"
                accounts.create_account(email, "not-a-hash", Role.REGISTERED, actor="t", now=now)
                request = WatchlistRequest("KZ", countries=["KZ"], email="immediate")
                watched.append(add_watchlist(platform, email, request).id)
            platform.store.upsert_articles([article("kz-1", published=now - timedelta(hours=1))])
            run_alert_pass(platform, now=now)

            first = subprocess.Popen(
                [sys.executable, "-m", "worldbrief.cli.main", "alerts", "run"], env=env,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
            deadline = time.monotonic() + 300
            while len(box.messages) < 5 and first.poll() is None:
                assert time.monotonic() < deadline, "no mail was sent"
                time.sleep(0.005)
            os.killpg(first.pid, signal.SIGKILL)
            first.wait(timeout=60)
            sent_before = len(box.messages)
            assert sent_before < READERS, "the pass ended before it was killed"

            # Past the lease of whatever the killed pass had claimed.
            later = datetime.now(UTC) + timedelta(minutes=6)
            run_alert_delivery(platform, now=later)

            store = watchlists_of(platform)
            for watchlist_id in watched:
                assert [a.email for a in store.alerts_of(watchlist_id)] == [DeliveryState.SENT]
            assert AlertDeliveryStore.alongside(platform.store).mailing_count() == READERS
            readers = Counter(m["To"] for m in box.messages)
            assert set(readers) == {f"reader{n}@example.org" for n in range(READERS)}
            repeated = [to for to, count in readers.items() if count > 1]
            assert len(repeated) <= 1 and all(readers[to] == 2 for to in repeated)
            for to in repeated:  # the mail accepted just before the kill: the same Message-ID
                ids = {m["Message-ID"] for m in box.messages if m["To"] == to}
                assert len(ids) == 1
            assert run_alert_delivery(platform, now=later + timedelta(hours=1)).mail.mails == 0
        finally:
            platform.close()
