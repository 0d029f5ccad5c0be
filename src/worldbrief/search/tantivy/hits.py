"""Stored documents back into search hits, with highlighted title and snippets."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

import tantivy

from worldbrief.search.highlight import SNIPPET_CHARS, leading_excerpt
from worldbrief.search.query import SearchHit
from worldbrief.search.tantivy import schema as fields
from worldbrief.search.tantivy.snippets import marked_html

_TITLE_CHARS = 1000  # whole titles: a title is never cut


class HitRenderer:
    """Built once per search: snippet generators weigh terms against the whole index.

    Only ``bodies`` (the body fields the search may match) are ever read, so a snippet cannot
    quote a body the query was not allowed to search.
    """

    def __init__(
        self,
        searcher: tantivy.Searcher,
        schema: tantivy.Schema,
        highlighter: tantivy.Query | None,
        bodies: tuple[str, ...],
    ) -> None:
        self._bodies = bodies
        self._generators: dict[str, tantivy.SnippetGenerator] = {}
        if highlighter is None:
            return
        for field in (fields.TITLE, fields.TEASER, *bodies):
            generator = tantivy.SnippetGenerator.create(searcher, highlighter, schema, field)
            generator.set_max_num_chars(_TITLE_CHARS if field == fields.TITLE else SNIPPET_CHARS)
            self._generators[field] = generator

    def render(self, score: float, doc: tantivy.Document) -> SearchHit:
        title = _text(doc, fields.TITLE)
        teaser = _text(doc, fields.TEASER)
        body_field, body = self._body(doc)
        teaser_marked = self._marked(fields.TEASER, doc, teaser)
        teaser_html = teaser_marked or leading_excerpt(teaser)
        return SearchHit(
            article_id=_text(doc, fields.ID),
            score=score,
            title=title,
            title_html=self._marked(fields.TITLE, doc, title) or escape(title),
            snippet_html=(
                self._marked(body_field, doc, body) or teaser_html or leading_excerpt(body)
            ),
            teaser_snippet_html=teaser_html,
            published_at=_published(doc),
            type=_text(doc, fields.TYPE),
            access=_text(doc, fields.ACCESS),
            countries=_texts(doc, fields.COUNTRY),
            regions=_texts(doc, fields.REGION),
            authors=_texts(doc, fields.AUTHOR),
        )

    def _body(self, doc: tantivy.Document) -> tuple[str, str]:
        """The article's body field and text, or empty when its body may not be searched."""
        for field in self._bodies:
            text = _text(doc, field)
            if text:
                return field, text
        return "", ""

    def _marked(self, field: str, doc: tantivy.Document, text: str) -> str | None:
        generator = self._generators.get(field)
        if generator is None or not text:
            return None
        return marked_html(generator.snippet_from_doc(doc), text)


def _text(doc: tantivy.Document, field: str) -> str:
    value = doc.get_first(field)
    return str(value) if value is not None else ""


def _texts(doc: tantivy.Document, field: str) -> tuple[str, ...]:
    return tuple(str(value) for value in doc.get_all(field))


def _published(doc: tantivy.Document) -> datetime:
    value = doc.get_first(fields.PUBLISHED_AT)
    if not isinstance(value, datetime):
        raise ValueError(f"indexed article {_text(doc, fields.ID)!r} has no publication date")
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value
