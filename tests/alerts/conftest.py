"""Literal articles, events and accounts for the alert tests, on both databases."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

import worldbrief.enrich.events  # noqa: F401  (registers the stage and its tables)
from contract.conftest import build_article
from worldbrief.config import Settings
from worldbrief.domain import AccessLevel, Article, PlaceMention, Span
from worldbrief.domain.account import Role
from worldbrief.domain.events import DatePrecision, EventMention
from worldbrief.services.platform import Platform, open_platform
from worldbrief.store import AccountStore

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)
TEXT = "Title\n\nProtesters gathered in Zhanaozen on Sunday over gas prices."
SENTENCE = Span(7, 63)
ZHANAOZEN = PlaceMention(
    30, 39, "Zhanaozen", "Zhanaozen", 608668, 43.34, 52.86, "KZ", "Mangystau", "P.PPL"
)
OWNER = "ana@example.org"


@pytest.fixture
def platform(tmp_path: Path, store_url: str) -> Iterator[Platform]:
    opened = open_platform(Settings(data_dir=tmp_path / "data", database_url=store_url))
    AccountStore.alongside(opened.store).create_account(
        OWNER, "not-a-hash", Role.REGISTERED, actor="test", now=NOW
    )
    yield opened
    opened.close()


def protest(day: date = date(2026, 11, 29)) -> EventMention:
    return EventMention(
        type="Protests",
        subtype="Peaceful protest",
        confidence=0.8,
        evidence=(SENTENCE,),
        date=day,
        date_precision=DatePrecision.DAY,
        place=ZHANAOZEN,
    )


def article(
    article_id: str,
    *reports: EventMention,
    country: str = "KZ",
    text: str = TEXT,
    published: datetime = NOW - timedelta(hours=2),
    access: AccessLevel = AccessLevel.FREE,
) -> Article:
    built = build_article(
        article_id,
        published=published,
        focus={country: 0.9},
        regions=("central-asia",) if country == "KZ" else (),
        plain_text=text,
        body=text.split("\n\n", 1)[-1],
        access=access,
    )
    return dataclasses.replace(
        built, enrichment=dataclasses.replace(built.enrichment, events=reports)
    )
