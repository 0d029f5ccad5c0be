"""Delivery passes over recorded alerts: immediate mails, digests and webhooks, timed.

Run: .venv/bin/python bench/alert_delivery.py [--accounts 500] [--articles 5]
         [--database-url URL]
Builds a temporary store (SQLite, or the empty database named) with ``--accounts`` accounts of
four watchlists each following Kazakhstan (two immediate, one daily, one with email off and a
webhook), a local SMTP server (aiosmtpd) and a local webhook receiver in this process, stores
``--articles`` new articles and runs the alert pass (not timed). Then times delivery passes at
noon until nothing is left (immediate mail and webhooks), the next morning's digests, and a pass
with nothing due. Prints each pass's figures; the SMTP server and the receiver share the CPU.
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from worldbrief.config import Settings
from worldbrief.domain import (
    AccessLevel,
    Article,
    ArticleType,
    BodyFormat,
    CountryMention,
    Enrichment,
    Source,
    Span,
)
from worldbrief.domain.account import Role
from worldbrief.services.alert_delivery import DeliveryReport, run_alert_delivery
from worldbrief.services.alerts import run_alert_pass
from worldbrief.services.platform import open_platform
from worldbrief.services.watchlists import WatchlistRequest, add_watchlist
from worldbrief.store import AccountStore

NOON = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)


class _Counter:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(  # noqa: N802  # the name aiosmtpd calls
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        self.count += 1
        return "250 OK"


@contextmanager
def _smtp() -> Iterator[tuple[_Counter, int]]:
    counter = _Counter()
    with socket.socket() as probe:  # a free port (aiosmtpd cannot be told port 0)
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield counter, port
    finally:
        controller.stop()


class _Hook(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def _article(index: int) -> Article:
    text = f"Gas prices {index}\n\nProtesters gathered in Zhanaozen over gas prices."
    return Article(
        id=f"bench-{index}",
        type=ArticleType.NEWS,
        title=f"Gas prices {index}",
        body=text.split("\n\n", 1)[1],
        body_format=BodyFormat.TEXT,
        plain_text=text,
        teaser="Protesters gathered in Zhanaozen.",
        published_at=NOON - timedelta(hours=1),
        source=Source(name="Bench Wire"),
        access=AccessLevel.MEMBERS if index % 2 else AccessLevel.FREE,
        content_hash=f"h{index}",
        enrichment=Enrichment(
            language="en",
            countries=(CountryMention("KZ", "Kazakhstan", 0.9, True, (Span(0, 4),)),),
        ),
    )


def _line(label: str, seconds: float, report: DeliveryReport) -> None:
    mail, hooks = report.mail, report.webhooks
    print(
        f"{label:<28} {seconds:7.2f} s  mails {mail.mails:5}  alerts mailed {mail.alerts:6}  "
        f"webhooks {hooks.delivered:5}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=500)
    parser.add_argument("--articles", type=int, default=5)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    hook = ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
    threading.Thread(target=hook.serve_forever, daemon=True).start()
    hook_url = f"http://127.0.0.1:{hook.server_address[1]}/hook"
    with tempfile.TemporaryDirectory() as temp, _smtp() as (smtp, port):
        settings = Settings(
            data_dir=Path(temp) / "data", database_url=args.database_url, smtp_host="127.0.0.1",
            smtp_port=port, smtp_starttls=False, fetch_allow_private=True,
        )  # fmt: skip
        platform = open_platform(settings)
        accounts = AccountStore.alongside(platform.store)
        for n in range(args.accounts):
            email = f"reader{n}@example.org"
            accounts.create_account(email, "x", Role.REGISTERED, actor="bench", now=NOON)
            for mode, webhook in (("immediate", None), ("immediate", None), ("daily", None),
                                  ("off", hook_url)):  # fmt: skip
                request = WatchlistRequest(f"KZ {mode}", countries=["KZ"], email=mode,
                                           webhook=webhook)  # fmt: skip
                add_watchlist(platform, email, request, NOON - timedelta(days=1))
        platform.store.upsert_articles([_article(i) for i in range(args.articles)])
        recorded = run_alert_pass(platform, now=NOON).alerts
        print(f"{args.accounts} accounts, {4 * args.accounts} watchlists, {recorded} alerts "
              f"({platform.store.engine.dialect.name})")  # fmt: skip
        moment = NOON
        passes = 0
        while True:
            started = time.perf_counter()
            report = run_alert_delivery(platform, now=moment)
            passes += 1
            _line(f"noon pass {passes}", time.perf_counter() - started, report)
            if not report.mail.mails and not report.webhooks.delivered:
                break
            moment += timedelta(seconds=1)
        morning = (NOON + timedelta(days=1)).replace(hour=7)
        started = time.perf_counter()
        report = run_alert_delivery(platform, now=morning)
        _line("digests next morning", time.perf_counter() - started, report)
        started = time.perf_counter()
        report = run_alert_delivery(platform, now=morning + timedelta(minutes=1))
        _line("nothing due", time.perf_counter() - started, report)
        print(f"the SMTP server received {smtp.count} mails")
        platform.close()
    hook.shutdown()


if __name__ == "__main__":
    main()
