"""A small in-memory index of a batch of articles, to run saved searches against them alone.

The alert pass builds one over each batch of new articles: a saved search then costs one query
over a thousand documents, whatever the size of the store, and means exactly what it means on
the search page (the same document builder, analyser and query compiler).
"""

from __future__ import annotations

from collections.abc import Sequence

import tantivy

from worldbrief.domain import Article
from worldbrief.search.query import SearchQuery
from worldbrief.search.tantivy import schema as fields
from worldbrief.search.tantivy.analysis import TEXT_TOKENIZER, text_analyzer
from worldbrief.search.tantivy.documents import article_document
from worldbrief.search.tantivy.query_compiler import QueryCompiler
from worldbrief.search.tantivy.schema import build_schema

_HEAP_BYTES = 50_000_000


class TantivyBatchIndex:
    def __init__(self, articles: Sequence[Article]) -> None:
        schema = build_schema()
        index = tantivy.Index(schema)  # no path: in memory
        index.register_tokenizer(TEXT_TOKENIZER, text_analyzer())
        writer = index.writer(heap_size=_HEAP_BYTES, num_threads=1)
        self.size = 0
        for article in articles:
            try:
                writer.add_document(article_document(article))
            except (ValueError, TypeError, AttributeError):
                continue  # not indexable: the main index rejects it too, so no search finds it
            self.size += 1
        writer.commit()
        index.reload()
        self._searcher = index.searcher()
        self._compiler = QueryCompiler(schema)

    def matching_ids(self, query: SearchQuery) -> set[str]:
        """The ids of the batch's articles ``query`` matches; raises ``QuerySyntaxError``."""
        compiled = self._compiler.compile(query)
        if self.size == 0:
            return set()
        found = self._searcher.search(compiled.matcher, self.size)
        return {str(self._searcher.doc(address).get_first(fields.ID)) for _, address in found.hits}
