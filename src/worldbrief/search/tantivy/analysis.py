"""The text analyzer for title, teaser and body, used alike when indexing and when querying."""

from __future__ import annotations

from functools import lru_cache

import tantivy

TEXT_TOKENIZER = "worldbrief_en"
# Part of the schema fingerprint: changing the analyzer means the index must be rebuilt.
TEXT_ANALYZER_DESCRIPTION = "simple|remove_long(40)|lowercase|ascii_fold|stemmer(english)"


@lru_cache(maxsize=1)
def text_analyzer() -> tantivy.TextAnalyzer:
    """Word tokens, lower-cased, accents folded (Türkiye = Turkiye), English stems."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def analyze_with_positions(text: str) -> list[tuple[int, str]]:
    """Tokens with their positions, so a phrase keeps the gaps left by dropped tokens."""
    return [(token.position, token.text) for token in text_analyzer().pre_tokenize(text).tokens]
