"""More-like-this settings: which words of an article say what it is about.

The telling words are chosen here rather than by Tantivy's own more-like-this query, which
keeps the best terms of a hash map whose order changes from one process to the next: where
several words tie at the cut, each process kept different ones, and an article's connected
content changed between runs over the same store. The scores are Tantivy's (term frequency
times its BM25 idf, in single precision, the boost each score over the best); ties are broken
by field and word, so the same article and index always give the same query.
"""

from __future__ import annotations

import math
import struct
from collections import Counter

import tantivy

from worldbrief.domain import Article
from worldbrief.search.tantivy import schema as fields
from worldbrief.search.tantivy.analysis import text_analyzer
from worldbrief.search.tantivy.documents import body_text

# Function words carry no topic; the stemmer leaves these unchanged, so they match its output.
STOP_WORDS = [
    *("a", "about", "after", "also", "an", "and", "are", "as", "at", "be", "been", "but", "by"),
    *("can", "could", "for", "from", "had", "has", "have", "he", "her", "his", "i", "in", "into"),
    *("is", "it", "its", "more", "most", "not", "of", "on", "or", "our", "over", "said", "she"),
    *("so", "than", "that", "the", "their", "them", "there", "these", "they", "this", "those"),
    *("to", "was", "we", "were", "what", "when", "which", "while", "who", "will", "with", "would"),
    "you",
]


MIN_WORD_BYTES = 3  # shorter tokens say little (Tantivy measures words in UTF-8 bytes)
MAX_QUERY_TERMS = 25 * len(fields.BODY_FIELDS)  # a word may count once per body field
_STOP_WORDS = frozenset(STOP_WORDS)


def only_itself(schema: tantivy.Schema, words: tantivy.Query, article: Article) -> tantivy.Query:
    """The same query matching ``article`` alone: its score is the most alike a text can be,
    the yardstick that makes other scores comparable across articles."""
    itself = tantivy.Query.term_query(schema, fields.ID, article.id)
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, words), (tantivy.Occur.Must, itself)])


def telling_words(
    schema: tantivy.Schema, searcher: tantivy.Searcher, article: Article
) -> tantivy.Query | None:
    """A query for articles sharing the most telling words of ``article``: each word's term
    query boosted by its score over the best one's; None when no word tells anything."""
    body = body_text(article)
    if not article.title.strip() and not body:
        return None
    # Other bodies may sit in either body field; each telling word is looked up in both.
    frequencies: Counter[tuple[str, str]] = Counter()
    for field, words in [(fields.TITLE, _words(article.title))] + [
        (name, body_words) for body_words in [_words(body)] for name in fields.BODY_FIELDS.values()
    ]:
        for word in words:
            frequencies[field, word] += 1
    documents = searcher.num_docs
    scored = []
    for (field, word), frequency in frequencies.items():
        found_in = searcher.doc_freq(field, word)
        if found_in:  # a word in no other article (a draft's) matches nothing
            scored.append((_single(frequency * _idf(found_in, documents)), field, word))
    if not scored:
        return None
    # Tantivy's own selection keeps one term more than its limit; so does this one.
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    kept = scored[: MAX_QUERY_TERMS + 1]
    best = kept[0][0]
    return tantivy.Query.boolean_query(
        [
            (
                tantivy.Occur.Should,
                tantivy.Query.boost_query(
                    tantivy.Query.term_query(schema, field, word, index_option="basic"),
                    _single(score / best),
                ),
            )
            for score, field, word in kept
        ]
    )


def _words(text: str) -> list[str]:
    """The words of ``text`` that may tell something, as indexed (analysed once per text)."""
    return [
        word
        for word in text_analyzer().analyze(text)
        if len(word.encode()) >= MIN_WORD_BYTES and word not in _STOP_WORDS
    ]


def _idf(found_in: int, documents: int) -> float:
    """Tantivy's BM25 idf, step by step in single precision as it computes it."""
    # Deleted articles still count in ``found_in`` until a merge: never more than all.
    absent = max(documents - found_in, 0)
    x = _single(_single(_single(absent) + 0.5) / _single(found_in + 0.5))
    return _single(math.log(_single(1.0 + x)))


def _single(value: float) -> float:
    """``value`` rounded to single precision, as Tantivy's scores are."""
    return float(struct.unpack("f", struct.pack("f", value))[0])
