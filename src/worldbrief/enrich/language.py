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
from worldbrief.enrich.registry import register_stage

_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "of",
            "and",
            "to",
            "in",
            "is",
            "that",
            "for",
            "on",
            "with",
            "as",
            "was",
            "by",
            "at",
            "from",
            "it",
            "are",
            "be",
            "this",
            "have",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "de",
            "des",
            "et",
            "est",
            "un",
            "une",
            "du",
            "dans",
            "pour",
            "que",
            "qui",
            "sur",
            "au",
            "avec",
            "pas",
            "ce",
            "sont",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "ist",
            "nicht",
            "ein",
            "eine",
            "zu",
            "den",
            "von",
            "mit",
            "sich",
            "des",
            "auf",
            "für",
            "im",
            "dem",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "de",
            "y",
            "que",
            "en",
            "un",
            "una",
            "por",
            "con",
            "para",
            "es",
            "del",
            "se",
            "al",
            "lo",
            "como",
            "su",
        ]
    ),
    "it": frozenset(
        [
            "il",
            "la",
            "di",
            "che",
            "e",
            "un",
            "una",
            "per",
            "non",
            "con",
            "del",
            "della",
            "sono",
            "gli",
            "le",
            "nel",
            "alla",
            "si",
        ]
    ),
    "pt": frozenset(
        [
            "o",
            "a",
            "os",
            "as",
            "de",
            "que",
            "e",
            "do",
            "da",
            "em",
            "um",
            "uma",
            "para",
            "com",
            "não",
            "por",
            "se",
            "na",
            "no",
            "dos",
        ]
    ),
    "nl": frozenset(
        [
            "de",
            "het",
            "een",
            "en",
            "van",
            "is",
            "dat",
            "op",
            "te",
            "in",
            "voor",
            "met",
            "niet",
            "zijn",
            "aan",
            "er",
            "ook",
        ]
    ),
    "ru": frozenset(
        [
            "и",
            "в",
            "не",
            "на",
            "что",
            "с",
            "по",
            "как",
            "это",
            "из",
            "за",
            "от",
            "для",
            "его",
            "но",
            "же",
            "был",
        ]
    ),
    "uk": frozenset(
        [
            "і",
            "в",
            "не",
            "на",
            "що",
            "з",
            "до",
            "як",
            "це",
            "та",
            "за",
            "від",
            "для",
            "його",
            "але",
            "ж",
            "був",
        ]
    ),
    "tr": frozenset(
        [
            "ve",
            "bir",
            "bu",
            "için",
            "ile",
            "da",
            "de",
            "olarak",
            "çok",
            "daha",
            "ama",
            "gibi",
            "olan",
            "en",
        ]
    ),
    "pl": frozenset(
        [
            "i",
            "w",
            "nie",
            "na",
            "z",
            "się",
            "że",
            "do",
            "to",
            "jest",
            "jak",
            "o",
            "po",
            "przez",
            "od",
            "dla",
        ]
    ),
}
# Each function word with the languages that use it, in the order above (ties keep that order).
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _lang, _vocabulary in _FUNCTION_WORDS.items():
    for _word in _vocabulary:
        _LANGUAGES_OF[_word] = (*_LANGUAGES_OF.get(_word, ()), _lang)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SAMPLE_CHARS = 4000  # the opening of a text is enough and keeps long documents cheap


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the most likely language, or None when too little evidence."""
    words = [w.lower() for w in _WORD.findall(text[:_SAMPLE_CHARS])]
    if len(words) < 5:
        return None
    hits: Counter[str] = Counter()
    for word in words:
        for lang in _LANGUAGES_OF.get(word, ()):
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


register_stage(LanguageDetector)
