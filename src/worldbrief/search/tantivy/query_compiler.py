"""From a SearchQuery to Tantivy queries: one to match documents, one to highlight them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

import tantivy
from tantivy import Occur

from worldbrief.search import values
from worldbrief.search.query import QuerySyntaxError, SearchQuery
from worldbrief.search.syntax import Term, parse_user_query, term_value_problem
from worldbrief.search.tantivy import schema as fields
from worldbrief.search.tantivy.analysis import analyze_with_positions
from worldbrief.search.values import FilterValueError

_Given = TypeVar("_Given")
_Normal = TypeVar("_Normal")


@dataclass(frozen=True, slots=True)
class CompiledQuery:
    matcher: tantivy.Query
    # The wanted words and phrases only (no exclusions, no filters); None when browsing.
    highlighter: tantivy.Query | None


class QueryCompiler:
    def __init__(self, schema: tantivy.Schema) -> None:
        self.schema = schema

    def compile(self, query: SearchQuery) -> CompiledQuery:
        """Words match titles, teasers and the bodies in ``query.searchable_bodies`` only, in
        what is required and in what is excluded alike."""
        parsed = parse_user_query(query.text)
        bodies = fields.body_fields(query.searchable_bodies)
        required: list[tantivy.Query] = []
        excluded: list[tantivy.Query] = []
        for clause in parsed.clauses:
            terms = (self._term(t, bodies) for t in clause.alternatives)
            options = [q for q in terms if q is not None]
            if not options:
                continue  # e.g. "&": nothing searchable in it
            combined = options[0] if len(options) == 1 else _any_of(options)
            (excluded if clause.negated else required).append(combined)
        if not parsed.is_empty and not required and not excluded:
            raise QuerySyntaxError("the query has no words to search for")
        highlighter = _all_of(required) if required else None
        required.extend(self._filters(query))
        if not required:
            required.append(tantivy.Query.all_query())
        if len(required) == 1 and not excluded:
            return CompiledQuery(required[0], highlighter)
        matcher = _all_of(required, excluded)
        return CompiledQuery(matcher, highlighter)

    def _term(self, term: Term, bodies: tuple[str, ...]) -> tantivy.Query | None:
        if term.field is None:
            searched = (fields.TITLE, fields.TEASER, *bodies)
            per_field = [(self._text(name, term.text), name) for name in searched]
            queries = [
                tantivy.Query.boost_query(q, fields.TEXT_FIELD_BOOSTS[name])
                for q, name in per_field
                if q is not None
            ]
            return _any_of(queries) if queries else None
        if term.field == fields.BODY:
            # "body:" means the bodies that may be searched; when none may, it matches nothing.
            per_body = [
                q for q in (self._text(name, term.text) for name in bodies) if q is not None
            ]
            if per_body:
                return per_body[0] if len(per_body) == 1 else _any_of(per_body)
            return tantivy.Query.empty_query() if analyze_with_positions(term.text) else None
        if term.field in (fields.TITLE, fields.TEASER):
            return self._text(term.field, term.text)
        try:
            return self._keyword(term.field, term.text)
        except FilterValueError as error:
            raise QuerySyntaxError(term_value_problem(term, error.expected)) from None

    def _text(self, field: str, text: str) -> tantivy.Query | None:
        tokens = analyze_with_positions(text)
        if not tokens:
            return None
        if len(tokens) == 1:
            return tantivy.Query.term_query(self.schema, field, tokens[0][1])
        first = tokens[0][0]
        words: list[str | tuple[int, str]] = [(pos - first, tok) for pos, tok in tokens]
        return tantivy.Query.phrase_query(self.schema, field, words)

    def _keyword(self, field: str, value: str) -> tantivy.Query:
        if field == "year":
            return tantivy.Query.term_query(self.schema, fields.YEAR, values.year(value))
        name, normalise = _KEYWORD_FIELDS[field]
        return tantivy.Query.term_query(self.schema, name, normalise(value))

    def _filters(self, query: SearchQuery) -> list[tantivy.Query]:
        found: list[tantivy.Query] = []
        for label, given, name, normalise in (
            ("country", query.countries, fields.COUNTRY, values.country_filter),
            ("region", query.regions, fields.REGION, values.region_id),
            ("type", query.types, fields.TYPE, values.article_type),
            ("author", query.authors, fields.AUTHOR_KEY, values.author_key),
        ):
            if given:
                found.append(self._one_of(name, _normalised(label, given, normalise)))
        if query.years:
            found.append(self._one_of(fields.YEAR, _normalised("year", query.years, values.year)))
        if query.date_from is not None or query.date_to is not None:
            found.append(
                tantivy.Query.range_query(
                    self.schema,
                    fields.PUBLISHED_AT,
                    tantivy.FieldType.Date,
                    _utc(query.date_from) if query.date_from else tantivy.MIN_DATETIME,
                    _utc(query.date_to) if query.date_to else tantivy.MAX_DATETIME,
                )
            )
        return found

    def _one_of(self, field: str, wanted: list[str] | list[int]) -> tantivy.Query:
        return tantivy.Query.term_set_query(self.schema, field, wanted)


_KEYWORD_FIELDS: dict[str, tuple[str, Callable[[str], str]]] = {
    "country": (fields.COUNTRY, values.country_filter),
    "region": (fields.REGION, values.region_id),
    "type": (fields.TYPE, values.article_type),
    "access": (fields.ACCESS, values.access_level),
    "author": (fields.AUTHOR_KEY, values.author_key),
}


def _normalised(
    label: str, given: Iterable[_Given], normalise: Callable[[_Given], _Normal]
) -> list[_Normal]:
    """``label`` is the filter's parameter name (``country``), which the error names."""
    try:
        return [normalise(value) for value in given]
    except FilterValueError as error:
        raise QuerySyntaxError(f"the {label} filter must be {error.expected}") from None


def _any_of(queries: list[tantivy.Query]) -> tantivy.Query:
    return tantivy.Query.boolean_query([(Occur.Should, q) for q in queries])


def _all_of(
    required: list[tantivy.Query], excluded: list[tantivy.Query] | None = None
) -> tantivy.Query:
    clauses = [(Occur.Must, q) for q in required]
    clauses += [(Occur.MustNot, q) for q in excluded or []]
    return tantivy.Query.boolean_query(clauses)


def _utc(moment: datetime) -> datetime:
    """Naive datetimes are taken as UTC, the timezone every stored date is in."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
