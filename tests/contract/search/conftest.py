"""The search index contract, run once per backend: a literal-article builder and a fresh index
of each backend in ``SEARCH_BACKENDS`` per test (as the store's contract runs per database)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
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
)
from worldbrief.search.backends import SEARCH_BACKENDS, open_search_index
from worldbrief.search.index import SearchIndex
from worldbrief.search.query import SearchQuery

ArticleFactory = Callable[..., Article]
OpenIndex = Callable[[Path], SearchIndex]


def build_article(
    article_id: str,
    title: str,
    body: str = "",
    *,
    teaser: str = "",
    published: str = "2021-06-01",
    type: ArticleType = ArticleType.ANALYSIS,
    access: AccessLevel = AccessLevel.FREE,
    authors: Sequence[str] = (),
    focus: Sequence[str] = (),
    mentioned: Sequence[str] = (),
    regions: Sequence[str] = (),
) -> Article:
    """An article as the pipeline would leave it; dates are ISO days or datetimes, in UTC."""
    countries = tuple(CountryMention(c, c, 0.9, True) for c in focus) + tuple(
        CountryMention(c, c, 0.2, False) for c in mentioned
    )
    return Article(
        id=article_id,
        type=type,
        title=title,
        body=body,
        body_format=BodyFormat.TEXT,
        plain_text=f"{title}\n\n{body}",
        published_at=datetime.fromisoformat(published).replace(tzinfo=UTC),
        teaser=teaser,
        authors=tuple(Author(name) for name in authors),
        access=access,
        enrichment=Enrichment(
            countries=countries,
            regions=tuple(RegionMention(r, r.replace("-", " ").title()) for r in regions),
        ),
    )


@pytest.fixture
def article() -> ArticleFactory:
    return build_article


@pytest.fixture(scope="session", params=SEARCH_BACKENDS)
def search_backend(request: pytest.FixtureRequest) -> str:
    """The backend under test; every test below runs once per backend."""
    return str(request.param)


@pytest.fixture
def open_index(search_backend: str) -> OpenIndex:
    """Opens the backend's index at a location (to reopen it, or open it twice)."""

    def opened(location: Path) -> SearchIndex:
        return open_search_index(location, backend=search_backend)

    return opened


@pytest.fixture
def index(tmp_path: Path, open_index: OpenIndex) -> Iterator[SearchIndex]:
    opened = open_index(tmp_path / "index")
    yield opened
    opened.close()


@pytest.fixture
def indexed(index: SearchIndex) -> Callable[..., SearchIndex]:
    """Index the given articles, commit, and hand back the index."""

    def load(*articles: Article) -> SearchIndex:
        index.upsert(articles)
        index.commit()
        return index

    return load


@pytest.fixture
def matches(index: SearchIndex) -> Callable[..., set[str]]:
    """Every id matching ``text`` and filters, for tests about what matches rather than order."""

    def search(text: str = "", **filters: Any) -> set[str]:
        result = index.search(SearchQuery(text=text, per_page=1000, **filters))
        return {hit.article_id for hit in result.hits}

    return search
