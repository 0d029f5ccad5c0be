"""A platform that mails through a real local SMTP server, and helpers of the delivery tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from email.message import Message
from pathlib import Path
from typing import Any

from alerts.conftest import NOW, OWNER
from worldbrief.config import Settings
from worldbrief.domain.account import Role, SubscriptionSource
from worldbrief.services import accounts as service
from worldbrief.services.platform import Platform, open_platform
from worldbrief.services.watchlists import WatchlistRequest, add_watchlist
from worldbrief.store import AccountStore

BASE = "https://news.example.org"
MEMBER = "mia@example.org"


@contextmanager
def delivery_platform(
    tmp_path: Path, store_url: str, port: int, **extra: Any
) -> Iterator[Platform]:
    fields: dict[str, Any] = {
        "data_dir": tmp_path / "data",
        "database_url": store_url,
        "base_url": BASE,
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "smtp_starttls": False,
        "smtp_from": "alerts@news.example.org",
        "fetch_allow_private": True,  # the receivers of these tests listen on 127.0.0.1
    }
    settings = Settings(**(fields | extra))
    opened = open_platform(settings)
    accounts = AccountStore.alongside(opened.store)
    if accounts.get_account(OWNER) is None:  # a second platform over the same store
        accounts.create_account(OWNER, "not-a-hash", Role.REGISTERED, actor="test", now=NOW)
    try:
        yield opened
    finally:
        opened.close()


def add_member(platform: Platform, email: str = MEMBER) -> None:
    accounts = service.accounts_of(platform)
    service.create_account(accounts, email, "correct horse battery", "registered", actor="t")
    service.add_plan(accounts, "monthly", "Monthly", price="9.00", currency="EUR",
                     period="month", actor="t")  # fmt: skip
    accounts.grant_subscription(
        email, "monthly", starts_at=NOW - timedelta(days=1), days=30,
        source=SubscriptionSource.ADMIN, reference=None, actor="t", now=NOW,
    )  # fmt: skip


def follow(platform: Platform, name: str, owner: str = OWNER, **criteria: Any) -> int:
    return add_watchlist(platform, owner, WatchlistRequest(name=name, **criteria), NOW).id


def parts(message: Message) -> tuple[str, str]:
    """The plain-text and HTML parts of a mail."""
    text = html = ""
    for part in message.walk():
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        if part.get_content_type() == "text/plain":
            text = payload.decode()
        elif part.get_content_type() == "text/html":
            html = payload.decode()
    return text, html
