"""Articles for the store contract tests, built from literal values."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from worldbrief.domain import (
    AccessLevel,
    Article,
    ArticleType,
    Author,
    BodyFormat,
    CountryMention,
    Enrichment,
    RegionMention,
    Source,
    Span,
)

MakeArticle = Callable[..., Article]

COUNTRY_NAMES = {"KZ": "Kazakhstan", "RU": "Russia", "CN": "China", "UZ": "Uzbekistan"}
REGION_NAMES = {"central-asia": "Central Asia", "east-asia": "East Asia", "europe": "Europe"}


def build_article(
    article_id: str,
    *,
    published: datetime = datetime(2024, 3, 1, 12, 0, tzinfo=UTC),
    focus: dict[str, float] | None = None,
    mentioned: dict[str, float] | None = None,
    regions: tuple[str, ...] = (),
    keys: tuple[int, ...] = (),
    **fields: Any,
) -> Article:
    """A small valid article; ``focus``/``mentioned`` map country codes to scores, ``keys``
    are its near-duplicate keys."""
    countries = tuple(
        CountryMention(code, COUNTRY_NAMES.get(code, code), score, is_focus, (Span(0, 5),))
        for is_focus, table in ((True, focus or {}), (False, mentioned or {}))
        for code, score in table.items()
    )
    article = Article(
        id=article_id,
        type=ArticleType.ANALYSIS,
        title=f"Title of {article_id}",
        body=f"Body of {article_id}.",
        body_format=BodyFormat.MARKDOWN,
        plain_text=f"Title of {article_id}\n\nBody of {article_id}.",
        published_at=published,
        authors=(Author("Dana Analyst", "Eurasia Analyst"),),
        source=Source(name="Example Wire", url=f"https://example.org/{article_id}"),
        access=AccessLevel.FREE,
        content_hash=f"hash-{article_id}",
        enrichment=Enrichment(
            language="en",
            reading_minutes=2,
            countries=countries,
            regions=tuple(RegionMention(r, REGION_NAMES.get(r, r)) for r in regions),
            near_duplicate_keys=keys,
        ),
    )
    return replace(article, **fields) if fields else article


@pytest.fixture
def make_article() -> MakeArticle:
    return build_article
