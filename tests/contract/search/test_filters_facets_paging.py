"""Filters from the search form, facet counts, sort orders and pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import pytest

from worldbrief.domain import Article, ArticleType
from worldbrief.search.index import SearchIndex
from worldbrief.search.query import Facet, FacetCount, SearchQuery, SortOrder

Matches = Callable[..., set[str]]

# (id, published, focus countries, region, type, authors)
ROWS = [
    ("a1", "2020-12-31T23:30:00", ["KZ"], "central-asia", ArticleType.ANALYSIS, ["Dana Whitfield"]),
    ("a2", "2021-01-01T00:00:00", ["KZ", "UZ"], "central-asia", ArticleType.NEWS, ["Omar Haddad"]),
    ("a3", "2021-06-15T12:00:00", ["UZ"], "central-asia", ArticleType.ANALYSIS, ["Dana Whitfield"]),
    ("a4", "2021-12-31T23:59:59", ["TR"], "middle-east", ArticleType.FORECAST, []),
    ("a5", "2022-01-01T00:00:00", ["KZ"], "central-asia", ArticleType.ANALYSIS, ["Li Wei"]),
]


@pytest.fixture(autouse=True)
def corpus(article: Callable[..., Article], indexed: Callable[..., SearchIndex]) -> None:
    indexed(
        *(
            article(
                aid,
                f"Report {aid} on water and energy",
                f"Body of {aid} about water policy.",
                published=when,
                focus=focus,
                regions=[region],
                type=kind,
                authors=authors,
            )
            for aid, when, focus, region, kind, authors in ROWS
        )
    )


def test_filters_are_or_within_a_kind_and_and_across_kinds(matches: Matches) -> None:
    assert matches(countries=("KZ",)) == {"a1", "a2", "a5"}
    assert matches(countries=("kz", "TR")) == {"a1", "a2", "a4", "a5"}
    assert matches(countries=("KZ",), types=("analysis",)) == {"a1", "a5"}
    assert matches(regions=("Middle East",)) == {"a4"}
    assert matches(authors=("dana whitfield",), years=(2021,)) == {"a3"}
    assert matches("energy", types=("sitrep",)) == set()


def test_date_bounds_are_inclusive_and_read_as_utc(matches: Matches) -> None:
    year_2021 = {"a2", "a3", "a4"}
    assert matches(date_from=datetime(2021, 1, 1), date_to=datetime(2021, 12, 31, 23, 59, 59)) == (
        year_2021
    )
    assert matches(date_from=datetime(2021, 6, 15, 12, tzinfo=UTC)) == {"a3", "a4", "a5"}
    assert matches(date_to=datetime(2021, 1, 1)) == {"a1", "a2"}
    plus_two = timezone(timedelta(hours=2))
    assert matches(date_to=datetime(2021, 1, 1, 1, 45, tzinfo=plus_two)) == {"a1"}


def test_facet_counts_cover_the_matching_set_most_frequent_first(index: SearchIndex) -> None:
    result = index.search(SearchQuery(text="water", years=(2021,)))
    assert result.total == 3
    assert result.facets[Facet.COUNTRY] == (
        FacetCount("UZ", 2),
        FacetCount("KZ", 1),
        FacetCount("TR", 1),
    )
    assert result.facets[Facet.REGION] == (
        FacetCount("central-asia", 2),
        FacetCount("middle-east", 1),
    )
    assert result.facets[Facet.TYPE] == (
        FacetCount("analysis", 1),
        FacetCount("forecast", 1),
        FacetCount("news", 1),
    )
    assert result.facets[Facet.AUTHOR] == (
        FacetCount("Dana Whitfield", 1),
        FacetCount("Omar Haddad", 1),
    )
    assert result.facets[Facet.YEAR] == (FacetCount("2021", 3),)


def test_only_requested_facets_are_counted(index: SearchIndex) -> None:
    result = index.search(SearchQuery(facets=(Facet.YEAR,)))
    assert result.facets == {
        Facet.YEAR: (FacetCount("2021", 3), FacetCount("2020", 1), FacetCount("2022", 1))
    }
    nothing = index.search(SearchQuery(text="nonexistentword", facets=(Facet.COUNTRY,)))
    assert nothing.total == 0
    assert nothing.facets == {Facet.COUNTRY: ()}


def test_newest_and_oldest_sort_by_publication(index: SearchIndex) -> None:
    newest = index.search(SearchQuery(sort=SortOrder.NEWEST))
    oldest = index.search(SearchQuery(text="water", sort=SortOrder.OLDEST))
    assert [h.article_id for h in newest.hits] == ["a5", "a4", "a3", "a2", "a1"]
    assert [h.article_id for h in oldest.hits] == ["a1", "a2", "a3", "a4", "a5"]
    assert newest.hits[0].published_at == datetime(2022, 1, 1, tzinfo=UTC)


def test_pages_split_the_matches_and_total_counts_them_all(index: SearchIndex) -> None:
    pages = [
        index.search(SearchQuery(sort=SortOrder.NEWEST, page=page, per_page=2))
        for page in (1, 2, 3, 4)
    ]
    assert [[h.article_id for h in p.hits] for p in pages] == [
        ["a5", "a4"],
        ["a3", "a2"],
        ["a1"],
        [],
    ]
    assert {p.total for p in pages} == {5}


def test_relevance_puts_title_matches_first(
    article: Callable[..., Article], indexed: Callable[..., SearchIndex]
) -> None:
    index = indexed(
        article("body-only", "Grain markets", "A note on drought in the region, drought again."),
        article("in-title", "Drought hits the steppe", "Farmers wait for rain."),
    )
    result = index.search(SearchQuery(text="drought"))
    assert [h.article_id for h in result.hits] == ["in-title", "body-only"]
    assert result.hits[0].score > result.hits[1].score > 0


def test_hits_carry_what_a_result_list_shows(index: SearchIndex) -> None:
    hit = index.search(SearchQuery(countries=("UZ",), sort=SortOrder.OLDEST)).hits[0]
    assert hit.article_id == "a2"
    assert hit.title == "Report a2 on water and energy"
    assert (hit.type, hit.access) == ("news", "free")
    assert hit.countries == ("KZ", "UZ")
    assert hit.regions == ("central-asia",)
    assert hit.authors == ("Omar Haddad",)
