"""The search box syntax: how text is read, and the errors a user sees for malformed input."""

from __future__ import annotations

import pytest

from worldbrief.search.query import QuerySyntaxError, SearchQuery
from worldbrief.search.syntax import Clause, Term, parse_user_query
from worldbrief.search.tantivy_index import TantivyIndex


def test_words_phrases_or_exclusions_and_fields() -> None:
    parsed = parse_user_query('water "Syr Darya" oil OR gas -football country:KZ')
    assert parsed.clauses == (
        Clause((Term("water", 1),)),
        Clause((Term("Syr Darya", 7, is_phrase=True),)),
        Clause((Term("oil", 19), Term("gas", 26))),
        Clause((Term("football", 31),), negated=True),
        Clause((Term("KZ", 40, field="country"),)),
    )


def test_field_with_a_quoted_value_and_upper_case_name() -> None:
    parsed = parse_user_query('Author:"Dana Whitfield" -title:"oil price"')
    assert parsed.clauses == (
        Clause((Term("Dana Whitfield", 1, field="author", is_phrase=True),)),
        Clause((Term("oil price", 26, field="title", is_phrase=True),), negated=True),
    )


def test_blank_text_is_browse_mode_and_and_is_accepted() -> None:
    assert parse_user_query("   ").is_empty
    clauses = parse_user_query("oil AND gas").clauses
    assert [c.alternatives[0].text for c in clauses] == ["oil", "gas"]


def test_urls_and_clock_times_are_words_not_fields() -> None:
    parsed = parse_user_query("https://example.org 10:30")
    assert [c.alternatives[0].field for c in parsed.clauses] == [None, None]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('water "rights', "unbalanced quote at position 7"),
        ("oil OR", "OR at position 5 needs a term after it"),
        ("OR gas", "OR at position 1 needs a term before it"),
        ("oil OR OR gas", "OR at position 5 needs a term after it"),
        ("oil - gas", "'-' at position 5 must be followed by a word"),
        ("oil -", "'-' at position 5 must be followed by a word"),
        ("--oil", "repeated '-' at position 1"),
        ("foo:bar", "unknown field 'foo:' at position 1"),
        ("oil country:", "'country:' at position 5 needs a value"),
        ('oil ""', 'empty phrase "" at position 5'),
        ("-oil OR gas", "excluded term (at position 1) cannot be joined with OR"),
    ],
)
def test_malformed_text_names_the_problem_and_where(text: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_user_query(text)


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
    index: TantivyIndex, text: str, message: str
) -> None:
    with pytest.raises(QuerySyntaxError, match=message):
        index.search(SearchQuery(text=text))


def test_bad_filters_and_page_size_are_query_errors(index: TantivyIndex) -> None:
    with pytest.raises(QuerySyntaxError, match="filter countries: country 'Kazakh'"):
        index.search(SearchQuery(countries=("Kazakh",)))
    with pytest.raises(QuerySyntaxError, match="per_page must be between 1 and 1000, got 0"):
        index.search(SearchQuery(per_page=0))
    with pytest.raises(QuerySyntaxError, match="page 1000 is too deep"):
        index.search(SearchQuery(page=1000, per_page=20))


def test_overlong_text_is_refused() -> None:
    with pytest.raises(QuerySyntaxError, match=r"too long \(1001 characters; at most 1000\)"):
        parse_user_query("a" * 1001)


@pytest.mark.parametrize(
    "text",
    ['"', '-"', "-", "OR", ":", "a:", '""""', "title:-", "))((", "\x00", '-"a" OR', "AND OR"],
)
def test_odd_input_never_raises_anything_but_a_query_error(index: TantivyIndex, text: str) -> None:
    try:
        index.search(SearchQuery(text=text))
    except QuerySyntaxError as error:
        assert str(error)
