"""The search box syntax, parsed into a small tree before any engine sees it.

Words must all match; ``"a phrase"`` matches in order; ``a OR b`` matches either (OR binds
tighter than the implicit AND); ``-word`` and ``-"phrase"`` exclude; ``field:value`` restricts.
Positions in error messages count characters from 1, as a user would. Errors never repeat
what was typed (a page and an API answer show them): a term is named by its filter and its
place among the terms ("the country: filter in the 2nd term").
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from worldbrief.search.query import QuerySyntaxError

TEXT_FIELDS = ("title", "teaser", "body")
FILTER_FIELDS = ("country", "region", "type", "author", "year", "access")
KNOWN_FIELDS = TEXT_FIELDS + FILTER_FIELDS

MAX_QUERY_CHARS = 1000
_FIELD_PREFIX = re.compile(r"^([A-Za-z_]+):(.*)$", re.DOTALL)
_OR = "OR"
_AND = "AND"  # accepted and ignored: every term is required anyway


@dataclass(frozen=True, slots=True)
class Term:
    """A word or phrase, maybe bound to a field; ``position`` is where it starts (1-based).

    ``number`` counts the terms of the query from 1 (OR and AND are no terms): what an error
    names the term by. It places the term but is no part of what it asks, so equality ignores it.
    """

    text: str
    position: int
    field: str | None = None
    is_phrase: bool = False
    number: int = dataclasses.field(default=0, compare=False)


def term_value_problem(term: Term, expected: str) -> str:
    """Why a filter term's value is refused, naming the filter and the term but not the value."""
    where = f" in the {ordinal(term.number)} term" if term.number else ""
    return f"the {term.field}: filter{where} must be {expected}"


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, ..., 21st."""
    if number % 100 in (11, 12, 13):
        return f"{number}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


@dataclass(frozen=True, slots=True)
class Clause:
    """Terms of which at least one must match (one term unless joined by OR), or none if negated."""

    alternatives: tuple[Term, ...]
    negated: bool = False


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    clauses: tuple[Clause, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.clauses


@dataclass(frozen=True, slots=True)
class _Token:
    term: Term | None  # None for the OR operator
    negated: bool
    position: int


def parse_user_query(text: str) -> ParsedQuery:
    """Parse search box text; raises QuerySyntaxError naming the problem and its position."""
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"the query is too long ({len(text)} characters; at most {MAX_QUERY_CHARS})"
        )
    tokens = _Lexer(text).tokens()
    clauses: list[Clause] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.term is None:
            raise QuerySyntaxError(f"OR at position {token.position} needs a term before it")
        group = [token]
        index += 1
        while index < len(tokens) and tokens[index].term is None:
            operator = tokens[index]
            if index + 1 >= len(tokens) or tokens[index + 1].term is None:
                raise QuerySyntaxError(f"OR at position {operator.position} needs a term after it")
            group.append(tokens[index + 1])
            index += 2
        clauses.append(_clause(group))
    return ParsedQuery(tuple(clauses))


def _clause(group: list[_Token]) -> Clause:
    terms = tuple(token.term for token in group if token.term is not None)
    if len(group) == 1:
        return Clause(terms, negated=group[0].negated)
    for token in group:
        if token.negated:
            raise QuerySyntaxError(
                f"an excluded term (at position {token.position}) cannot be joined with OR"
            )
    return Clause(terms)


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0
        self.terms_read = 0

    def tokens(self) -> list[_Token]:
        found: list[_Token] = []
        while True:
            self._skip_space()
            if self.at >= len(self.text):
                return found
            token = self._token()
            if token is not None:
                found.append(token)

    def _token(self) -> _Token | None:
        start = self.at
        negated = self.text[self.at] == "-"
        if negated:
            self.at += 1
            if self.at >= len(self.text) or self.text[self.at].isspace():
                raise QuerySyntaxError(
                    f"'-' at position {start + 1} must be followed by a word or "
                    '"phrase" to exclude'
                )
            if self.text[self.at] == "-":
                raise QuerySyntaxError(f"repeated '-' at position {start + 1}")
        if self.text[self.at] == '"':
            self.terms_read += 1
            return _Token(self._phrase(field=None), negated, start + 1)
        word_start = self.at
        word = self._word()
        if word == _OR and not negated:
            return _Token(None, False, start + 1)
        if word == _AND and not negated:
            return None
        self.terms_read += 1
        return _Token(self._word_term(word, word_start), negated, start + 1)

    def _word_term(self, word: str, word_start: int) -> Term:
        match = _FIELD_PREFIX.match(word)
        number = self.terms_read
        if match is None or match.group(2).startswith("//"):  # "http://..." is not a field
            return Term(word, word_start + 1, number=number)
        name, value = match.group(1).lower(), match.group(2)
        where = f"the {ordinal(number)} term (at position {word_start + 1})"
        if name not in KNOWN_FIELDS:
            raise QuerySyntaxError(
                f"{where} names an unknown field; known fields are {', '.join(KNOWN_FIELDS)}"
            )
        if value:
            return Term(value, word_start + 1, field=name, number=number)
        if self.at < len(self.text) and self.text[self.at] == '"':
            return self._phrase(field=name, start=word_start)
        raise QuerySyntaxError(
            f'the {name}: filter in {where} needs a value, e.g. {name}:word or {name}:"two words"'
        )

    def _phrase(self, field: str | None, start: int | None = None) -> Term:
        quote = self.at
        close = self.text.find('"', quote + 1)
        if close < 0:
            raise QuerySyntaxError(
                f'unbalanced quote at position {quote + 1}: a phrase needs a closing "'
            )
        self.at = close + 1
        content = self.text[quote + 1 : close]
        if not content.strip():
            raise QuerySyntaxError(f'empty phrase "" at position {quote + 1}')
        begin = quote if start is None else start
        return Term(content, begin + 1, field=field, is_phrase=True, number=self.terms_read)

    def _word(self) -> str:
        start = self.at
        while (
            self.at < len(self.text)
            and not self.text[self.at].isspace()
            and self.text[self.at] != '"'
        ):
            self.at += 1
        return self.text[start : self.at]

    def _skip_space(self) -> None:
        while self.at < len(self.text) and self.text[self.at].isspace():
            self.at += 1
