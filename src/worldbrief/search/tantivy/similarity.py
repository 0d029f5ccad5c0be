"""More-like-this settings: which words of an article say what it is about."""

from __future__ import annotations

import tantivy

from worldbrief.domain import Article
from worldbrief.search.tantivy import schema as fields
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


def more_like_this(schema: tantivy.Schema, article: Article) -> tantivy.Query | None:
    """A query for articles sharing the most telling words of ``article``, never itself."""
    similar = telling_words(schema, article)
    if similar is None:
        return None
    itself = tantivy.Query.term_query(schema, fields.ID, article.id)
    return tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, similar), (tantivy.Occur.MustNot, itself)]
    )


def only_itself(schema: tantivy.Schema, article: Article) -> tantivy.Query | None:
    """The same query matching ``article`` alone: its score is the most alike a text can be,
    the yardstick that makes other scores comparable across articles."""
    similar = telling_words(schema, article)
    if similar is None:
        return None
    itself = tantivy.Query.term_query(schema, fields.ID, article.id)
    return tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, similar), (tantivy.Occur.Must, itself)]
    )


def telling_words(schema: tantivy.Schema, article: Article) -> tantivy.Query | None:
    """A query for articles sharing the most telling words of ``article``."""
    body = body_text(article)
    if not article.title.strip() and not body:
        return None
    # Other bodies may sit in either body field; each telling word is looked up in both.
    texts = {fields.TITLE: [article.title]} | {name: [body] for name in fields.BODY_FIELDS.values()}
    similar = tantivy.Query.more_like_this_document_fields_query(
        schema,
        texts,
        min_doc_frequency=1,  # small archives: a word in two articles is already telling
        min_term_frequency=1,  # short articles rarely repeat a word
        max_query_terms=25 * len(fields.BODY_FIELDS),  # a word may count once per body field
        min_word_length=3,
        stop_words=STOP_WORDS,
    )
    return similar
