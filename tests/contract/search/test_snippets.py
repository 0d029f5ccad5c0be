"""Highlighted titles and snippets: escaped text, <mark> around matches, teaser kept apart."""

from __future__ import annotations

import re
from collections.abc import Callable

from worldbrief.domain import AccessLevel, Article
from worldbrief.search.index import SearchIndex
from worldbrief.search.query import SearchQuery

Indexed = Callable[..., SearchIndex]
Factory = Callable[..., Article]


def _unmarked(html: str) -> str:
    return html.replace("<mark>", "").replace("</mark>", "")


def test_snippet_escapes_article_html_and_marks_matches(article: Factory, indexed: Indexed) -> None:
    index = indexed(
        article(
            "x",
            'Dams & <script>alert("t")</script> on the Syr Darya',
            "Officials said <b>dams</b> & canals divert water from the Aral basin.",
        )
    )
    hit = index.search(SearchQuery(text="dams")).hits[0]
    assert hit.title_html == (
        "<mark>Dams</mark> &amp; &lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; on the Syr Darya"
    )
    assert "<mark>dams</mark>" in hit.snippet_html
    assert "&lt;b&gt;" in hit.snippet_html and "<b>" not in hit.snippet_html
    assert re.sub(r"</?mark>", "", hit.snippet_html).count("<") == 0


def test_stemmed_and_accented_matches_are_marked_as_written(
    article: Factory, indexed: Indexed
) -> None:
    index = indexed(article("x", "Türkiye", "Negotiations on gas resumed in Ankara."))
    hit = index.search(SearchQuery(text="turkiye negotiate")).hits[0]
    assert hit.title_html == "<mark>Türkiye</mark>"
    assert hit.snippet_html == "<mark>Negotiations</mark> on gas resumed in Ankara."


def test_long_bodies_give_a_short_fragment_around_the_match(
    article: Factory, indexed: Indexed
) -> None:
    filler = "The committee met again without result. " * 30
    index = indexed(article("x", "Minutes", filler + "Then uranium exports were raised. " + filler))
    snippet = index.search(SearchQuery(text="uranium")).hits[0].snippet_html
    assert "<mark>uranium</mark>" in snippet
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert len(_unmarked(snippet)) <= 210


def test_teaser_snippet_never_quotes_the_body(article: Factory, indexed: Indexed) -> None:
    index = indexed(
        article(
            "locked",
            "Pipeline politics",
            "Confidential: the tender favours a Chinese consortium.",
            teaser="Who will build the new pipeline across the steppe?",
            access=AccessLevel.MEMBERS,
        )
    )
    hit = index.search(SearchQuery(text="consortium")).hits[0]
    assert "<mark>consortium</mark>" in hit.snippet_html
    assert hit.teaser_snippet_html == "Who will build the new pipeline across the steppe?"
    assert "consortium" not in hit.teaser_snippet_html.lower()
    steppe = index.search(SearchQuery(text="steppe")).hits[0]
    assert steppe.teaser_snippet_html == (
        "Who will build the new pipeline across the <mark>steppe</mark>?"
    )
    assert steppe.access == "members"


def test_without_a_teaser_the_teaser_snippet_is_empty(article: Factory, indexed: Indexed) -> None:
    index = indexed(article("x", "Pipeline politics", "The tender favours a consortium."))
    hit = index.search(SearchQuery(text="tender")).hits[0]
    assert hit.teaser_snippet_html == ""


def test_browsing_shows_the_teaser_or_the_start_of_the_body(
    article: Factory, indexed: Indexed
) -> None:
    index = indexed(
        article("t", "With teaser", "Body words.", teaser="A <short> teaser."),
        article("b", "Without teaser", "word " * 100),
    )
    hits = {h.article_id: h for h in index.search(SearchQuery()).hits}
    assert hits["t"].snippet_html == "A &lt;short&gt; teaser."
    assert hits["t"].title_html == "With teaser"
    assert hits["b"].snippet_html.endswith(" …")
    assert len(hits["b"].snippet_html) <= 205
    assert "<mark>" not in hits["b"].snippet_html


def test_excluded_words_are_not_marked(article: Factory, indexed: Indexed) -> None:
    index = indexed(article("x", "Grain and oil", "Grain exports rose."))
    assert index.search(SearchQuery(text="grain -title:oil")).total == 0
    shown = index.search(SearchQuery(text="grain -body:oil")).hits[0]
    assert shown.title_html == "<mark>Grain</mark> and oil"


def test_a_search_without_snippets_finds_the_same_hits_with_nothing_marked(
    article: Factory, indexed: Indexed
) -> None:
    index = indexed(
        article("x", "Dams & canals", "Officials said dams divert water from the Aral basin.")
    )
    marked = index.search(SearchQuery(text="dams"))
    plain = index.search(SearchQuery(text="dams", snippets=False))
    assert [h.article_id for h in plain.hits] == [h.article_id for h in marked.hits] == ["x"]
    assert plain.total == marked.total == 1
    assert plain.hits[0].title_html == "Dams &amp; canals"
    assert "<mark>" not in plain.hits[0].snippet_html
