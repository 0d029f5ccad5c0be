"""Which bodies a search may match: the caller says, by access level; titles, teasers and
metadata are always searched. Totals, facets, exclusions and snippets all follow."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from worldbrief.domain import AccessLevel, Article
from worldbrief.search.index import SearchIndex
from worldbrief.search.query import Facet, SearchQuery
from worldbrief.services.indexing import catch_up
from worldbrief.store import ArticleStore

Factory = Callable[..., Article]
OpenIndex = Callable[[Path], SearchIndex]
FREE_ONLY = frozenset({AccessLevel.FREE})
NO_BODIES: frozenset[AccessLevel] = frozenset()


def _corpus(article: Factory) -> list[Article]:
    return [
        article(
            "locked",
            "Shelf talks resume",
            "Behind closed doors they agreed on the quasarvelt protocol at Marrowby Point.",
            teaser="Negotiators met again in Aktau.",
            access=AccessLevel.MEMBERS,
            focus=["KZ"],
            authors=["Mira Quell"],
        ),
        article(
            "free",
            "Ferry timetables change",
            "The harbour masters signed the brindlemoss accord on berth sharing.",
            teaser="Ports publish new schedules.",
            focus=["AZ"],
        ),
    ]


@pytest.fixture
def corpus(indexed: Callable[..., SearchIndex], article: Factory) -> SearchIndex:
    return indexed(*_corpus(article))


def _ids(index: SearchIndex, text: str, bodies: frozenset[AccessLevel]) -> set[str]:
    result = index.search(SearchQuery(text=text, searchable_bodies=bodies))
    assert result.total == len(result.hits)
    return {hit.article_id for hit in result.hits}


@pytest.mark.parametrize(
    "text",
    [
        '"agreed on the quasarvelt protocol"',
        "quasarvelt",
        "body:quasarvelt",
        "Marrowby country:KZ",
        "quasarvelt OR nothingatall",
    ],
)
def test_a_members_only_body_matches_only_when_members_bodies_are_searched(
    corpus: SearchIndex, text: str
) -> None:
    assert _ids(corpus, text, frozenset(AccessLevel)) == {"locked"}
    assert _ids(corpus, text, FREE_ONLY) == set()
    assert _ids(corpus, text, NO_BODIES) == set()


def test_the_default_searches_every_body(corpus: SearchIndex) -> None:
    """The index is neutral: narrowing to what a viewer may read is the caller's decision."""
    assert corpus.search(SearchQuery(text="quasarvelt")).total == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("shelf", {"locked"}),
        ("title:shelf", {"locked"}),
        ("aktau", {"locked"}),
        ("teaser:aktau", {"locked"}),
        ('author:"mira quell"', {"locked"}),
        ("country:KZ", {"locked"}),
        ("brindlemoss", {"free"}),
        ("body:brindlemoss", {"free"}),
    ],
)
def test_titles_teasers_metadata_and_free_bodies_match_for_everyone(
    corpus: SearchIndex, text: str, expected: set[str]
) -> None:
    assert _ids(corpus, text, FREE_ONLY) == expected
    assert _ids(corpus, text, frozenset(AccessLevel)) == expected


def test_free_bodies_can_be_left_out_too(corpus: SearchIndex) -> None:
    assert _ids(corpus, "brindlemoss", NO_BODIES) == set()
    assert _ids(corpus, "body:brindlemoss", NO_BODIES) == set()
    assert _ids(corpus, "ferry", NO_BODIES) == {"free"}


def test_an_exclusion_only_looks_at_the_bodies_searched(corpus: SearchIndex) -> None:
    assert _ids(corpus, "shelf -quasarvelt", FREE_ONLY) == {"locked"}
    assert _ids(corpus, "shelf -quasarvelt", frozenset(AccessLevel)) == set()


def test_facet_counts_follow_the_bodies_searched(corpus: SearchIndex) -> None:
    def countries(bodies: frozenset[AccessLevel]) -> dict[str, int]:
        query = SearchQuery(text="quasarvelt OR brindlemoss", searchable_bodies=bodies)
        facets = corpus.search(query).facets[Facet.COUNTRY]
        return {count.value: count.count for count in facets}

    assert countries(frozenset(AccessLevel)) == {"KZ": 1, "AZ": 1}
    assert countries(FREE_ONLY) == {"AZ": 1}


def test_snippets_and_titles_never_quote_a_body_not_searched(corpus: SearchIndex) -> None:
    query = SearchQuery(text="shelf OR quasarvelt", searchable_bodies=FREE_ONLY)
    [hit] = corpus.search(query).hits
    assert hit.title_html == "<mark>Shelf</mark> talks resume"
    for shown in (hit.snippet_html, hit.teaser_snippet_html, hit.title_html, hit.title):
        assert "quasarvelt" not in shown.lower() and "marrowby" not in shown.lower()
    members = SearchQuery(text="shelf OR quasarvelt", searchable_bodies=frozenset(AccessLevel))
    assert "<mark>quasarvelt</mark>" in corpus.search(members).hits[0].snippet_html


def test_without_a_match_in_the_text_a_locked_body_is_not_excerpted(
    corpus: SearchIndex,
) -> None:
    [hit] = corpus.search(SearchQuery(countries=("KZ",), searchable_bodies=NO_BODIES)).hits
    assert hit.snippet_html == "Negotiators met again in Aktau."


def test_members_only_and_free_articles_are_similar_to_each_other(
    indexed: Callable[..., SearchIndex], article: Factory
) -> None:
    index = indexed(
        article("a", "Dams", "Syr Darya water quotas and dams", access=AccessLevel.MEMBERS),
        article("b", "Quotas", "Syr Darya water quotas agreed"),
    )
    assert [i for i, _ in index.similar(article("a", "Dams", "Syr Darya water quotas"))] == ["b"]
    assert [i for i, _ in index.similar(article("b", "Quotas", "Syr Darya dams"))] == ["a"]


def test_an_index_of_the_previous_schema_is_rebuilt_from_the_store(
    tmp_path: Path, store: ArticleStore, article: Factory, open_index: OpenIndex
) -> None:
    """After an upgrade the old index is recreated and the catch-up replays the whole store."""
    store.upsert_articles(
        [article("locked", "Shelf talks", "The quasarvelt protocol.", access=AccessLevel.MEMBERS)]
    )
    path = tmp_path / "index"
    with closing(open_index(path)) as old:
        catch_up(store, old)
    state = path / "worldbrief-index.json"
    state.write_text(json.dumps({"schema": "built-before-members-bodies", "applied_seq": 99}))
    with closing(open_index(path)) as upgraded:
        assert upgraded.search(SearchQuery()).total == 0
        assert catch_up(store, upgraded) == 1
        found = SearchQuery(text="quasarvelt", searchable_bodies=frozenset(AccessLevel))
        assert upgraded.search(found).total == 1
        hidden = SearchQuery(text="quasarvelt", searchable_bodies=FREE_ONLY)
        assert upgraded.search(hidden).total == 0
