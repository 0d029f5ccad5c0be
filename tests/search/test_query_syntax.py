"""The search box syntax: how text is read, and the errors a user sees for malformed input."""

from __future__ import annotations

import pytest

from worldbrief.search.query import QuerySyntaxError
from worldbrief.search.syntax import Clause, Term, ordinal, parse_user_query


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
        ("foo:bar", "the 1st term (at position 1) names an unknown field"),
        ("oil Country:", "the country: filter in the 2nd term (at position 5) needs a value"),
        ('oil ""', 'empty phrase "" at position 5'),
        ("-oil OR gas", "excluded term (at position 1) cannot be joined with OR"),
    ],
)
def test_malformed_text_names_the_problem_and_where(text: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_user_query(text)


def test_overlong_text_is_refused() -> None:
    with pytest.raises(QuerySyntaxError, match=r"too long \(1001 characters; at most 1000\)"):
        parse_user_query("a" * 1001)


def test_terms_are_numbered_for_messages_and_errors_never_repeat_the_text() -> None:
    parsed = parse_user_query('oil OR gas "Syr Darya" AND -country:KZ')
    numbers = [t.number for c in parsed.clauses for t in c.alternatives]
    assert numbers == [1, 2, 3, 4]
    with pytest.raises(QuerySyntaxError) as raised:
        parse_user_query("oil Bad_Field:<b>x</b>")
    assert str(raised.value).startswith("the 2nd term (at position 5) names an unknown field")
    assert "bad_field" not in str(raised.value).lower() and "<b>" not in str(raised.value)


@pytest.mark.parametrize(
    ("number", "written"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
     (21, "21st"), (102, "102nd"), (111, "111th")],
)  # fmt: skip
def test_ordinals(number: int, written: str) -> None:
    assert ordinal(number) == written
