"""On real newswire text (Reuters-21578, shared evaluation data): filters and facets agree with
a plain count over the same articles."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from worldbrief.domain import Article, ArticleType, BodyFormat, CountryMention, Enrichment
from worldbrief.search.backends import open_search_index
from worldbrief.search.index import SearchIndex
from worldbrief.search.query import Facet, SearchQuery

REUTERS = (
    Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "reuters21578" / "dev.jsonl"
)
SAMPLE = 1500  # enough for real vocabulary, light enough for a shared 2-core machine


def _articles() -> list[Article]:
    if not REUTERS.exists():
        pytest.skip(f"shared evaluation data not found at {REUTERS}")
    articles = []
    with REUTERS.open(encoding="utf-8") as lines:
        for line, _ in zip(lines, range(SAMPLE), strict=False):
            row = json.loads(line)
            articles.append(
                Article(
                    id=row["id"],
                    type=ArticleType.NEWS,
                    title=row["title"],
                    body=row["body"],
                    body_format=BodyFormat.TEXT,
                    plain_text=f"{row['title']}\n\n{row['body']}",
                    published_at=datetime.fromisoformat(row["published_at"]),
                    enrichment=Enrichment(
                        countries=tuple(CountryMention(c, c, 1.0, True) for c in row["countries"])
                    ),
                )
            )
    return articles


@pytest.fixture(scope="module")
def corpus(
    tmp_path_factory: pytest.TempPathFactory, search_backend: str
) -> tuple[SearchIndex, list[Article]]:
    articles = _articles()
    location = tmp_path_factory.mktemp("reuters") / "index"
    index = open_search_index(location, backend=search_backend)
    index.upsert(articles)
    index.commit(applied_seq=len(articles))
    return index, articles


def test_country_facet_counts_match_the_articles(
    corpus: tuple[SearchIndex, list[Article]],
) -> None:
    index, articles = corpus
    result = index.search(SearchQuery(facets=(Facet.COUNTRY,), per_page=1))
    expected = Counter(c.code for a in articles for c in a.enrichment.countries)
    assert result.total == len(articles)
    top = result.facets[Facet.COUNTRY]
    assert [(c.value, c.count) for c in top[:5]] == [
        (code, count)
        for code, count in sorted(expected.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    ]


def test_words_with_a_country_filter_count_exactly(
    corpus: tuple[SearchIndex, list[Article]],
) -> None:
    index, articles = corpus
    result = index.search(SearchQuery(text="coffee", countries=("GB",), per_page=100))
    expected = {
        a.id
        for a in articles
        if re.search(r"\bcoffees?\b", a.plain_text, re.IGNORECASE)
        and any(c.code == "GB" for c in a.enrichment.countries)
    }
    assert result.total == len(expected) > 0
    assert {h.article_id for h in result.hits} == expected
    assert all("<mark>" in h.snippet_html or "<mark>" in h.title_html for h in result.hits)
