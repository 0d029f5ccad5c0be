"""Whatever a user types, a backend answers with a QuerySyntaxError naming the problem."""

from __future__ import annotations

import pytest

from worldbrief.search.index import SearchIndex
from worldbrief.search.query import QuerySyntaxError, SearchQuery


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("!!! &&", "has no words to search for"),
        ("year:twenty", "year 'twenty' is not a number"),
        ("type:blog", "unknown article type 'blog'"),
        ("country:Kazakhstan", "'Kazakhstan' is not a two-letter country code"),
        ("access:gold", "unknown access level 'gold'"),
        ("region:!!", "is not a region id"),
    ],
)
def test_bad_values_are_query_errors_from_search(
    index: SearchIndex, text: str, message: str
) -> None:
    with pytest.raises(QuerySyntaxError, match=message):
        index.search(SearchQuery(text=text))


def test_bad_filters_and_page_size_are_query_errors(index: SearchIndex) -> None:
    with pytest.raises(QuerySyntaxError, match="filter countries: country 'Kazakh'"):
        index.search(SearchQuery(countries=("Kazakh",)))
    with pytest.raises(QuerySyntaxError, match="per_page must be between 1 and 1000, got 0"):
        index.search(SearchQuery(per_page=0))
    with pytest.raises(QuerySyntaxError, match="page 1000 is too deep"):
        index.search(SearchQuery(page=1000, per_page=20))


@pytest.mark.parametrize(
    "text",
    ['"', '-"', "-", "OR", ":", "a:", '""""', "title:-", "))((", "\x00", '-"a" OR', "AND OR"],
)
def test_odd_input_never_raises_anything_but_a_query_error(index: SearchIndex, text: str) -> None:
    try:
        index.search(SearchQuery(text=text))
    except QuerySyntaxError as error:
        assert str(error)
