"""Whatever a user types, a backend answers with a QuerySyntaxError naming the problem."""

from __future__ import annotations

import pytest

from worldbrief.search.index import SearchIndex
from worldbrief.search.query import QuerySyntaxError, SearchQuery


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("!!! &&", "has no words to search for"),
        ("year:twenty", "the year: filter in the 1st term must be a year from 1 to 9999"),
        ("type:blog", "the type: filter in the 1st term must be an article type"),
        ("oil country:Kazakhstan", "the country: filter in the 2nd term must be a two-letter"),
        ("access:gold", "the access: filter in the 1st term must be free or members"),
        ("gas OR oil region:!!", "the region: filter in the 3rd term must be a region id"),
    ],
)
def test_bad_values_are_query_errors_from_search(
    index: SearchIndex, text: str, message: str
) -> None:
    with pytest.raises(QuerySyntaxError, match=message):
        index.search(SearchQuery(text=text))


def test_bad_filters_and_page_size_are_query_errors(index: SearchIndex) -> None:
    with pytest.raises(
        QuerySyntaxError, match="the country filter must be a two-letter country code"
    ):
        index.search(SearchQuery(countries=("Kazakh",)))
    for unassigned in ("ZZ", "uk"):  # two letters, no country's code: an error, not no hits
        with pytest.raises(QuerySyntaxError, match="in use such as KZ"):
            index.search(SearchQuery(countries=(unassigned,)))
    with pytest.raises(QuerySyntaxError, match="country: filter in the 2nd term must be"):
        index.search(SearchQuery(text="grain country:uk"))
    with pytest.raises(QuerySyntaxError, match="per_page must be between 1 and 1000"):
        index.search(SearchQuery(per_page=0))
    with pytest.raises(QuerySyntaxError, match="the page is too deep"):
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
