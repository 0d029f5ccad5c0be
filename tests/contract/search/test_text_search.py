"""What the words a user types find: all words, phrases, OR, exclusions and field filters."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from worldbrief.domain import Article, ArticleType
from worldbrief.search.index import SearchIndex

Matches = Callable[..., set[str]]


@pytest.fixture(autouse=True)
def corpus(article: Callable[..., Article], indexed: Callable[..., SearchIndex]) -> None:
    indexed(
        article(
            "dams",
            "Water rights on the Syr Darya",
            "Kazakhstan and Uzbekistan argue over dams and irrigation quotas.",
            focus=["KZ", "UZ"],
            regions=["central-asia"],
            authors=["Dana Whitfield"],
            published="2021-03-02",
        ),
        article(
            "oil",
            "Caspian oil exports",
            "Kazakhstan ships oil through the pipeline; rights to water are a side issue.",
            focus=["KZ"],
            mentioned=["RU"],
            regions=["central-asia"],
            type=ArticleType.DISPATCH,
            authors=["Omar Haddad"],
            published="2022-07-15",
        ),
        article(
            "gas",
            "Gas prices in Türkiye",
            "Ankara negotiates gas contracts as winter approaches.",
            focus=["TR"],
            regions=["middle-east"],
            type=ArticleType.FORECAST,
            authors=["Dana Whitfield", "Omar Haddad"],
            published="2023-01-10",
        ),
    )


def test_every_word_must_match(matches: Matches) -> None:
    assert matches("kazakhstan water") == {"dams", "oil"}
    assert matches("kazakhstan irrigation") == {"dams"}
    assert matches("kazakhstan ankara") == set()


def test_a_phrase_needs_its_words_in_order(matches: Matches) -> None:
    assert matches("water rights") == {"dams", "oil"}
    assert matches('"water rights"') == {"dams"}
    assert matches('"rights water"') == set()


def test_or_matches_either_side_and_binds_tighter_than_and(matches: Matches) -> None:
    assert matches("pipeline OR ankara") == {"oil", "gas"}
    assert matches("kazakhstan pipeline OR irrigation") == {"oil", "dams"}
    assert matches("ankara pipeline OR irrigation") == set()


def test_minus_excludes_words_and_phrases(matches: Matches) -> None:
    assert matches("kazakhstan -pipeline") == {"dams"}
    assert matches('water -"syr darya"') == {"oil"}
    assert matches("-kazakhstan") == {"gas"}


def test_stems_and_accents_do_not_matter(matches: Matches) -> None:
    assert matches("negotiating contract") == {"gas"}
    assert matches("turkiye") == {"gas"}
    assert matches("Türkiye") == {"gas"}


def test_hyphenated_words_match_as_a_phrase(matches: Matches) -> None:
    assert matches("Syr-Darya") == {"dams"}


def test_title_field_looks_only_at_titles(matches: Matches) -> None:
    assert matches("water") == {"dams", "oil"}
    assert matches("title:water") == {"dams"}
    assert matches('title:"caspian oil"') == {"oil"}
    assert matches("body:ankara") == {"gas"}


def test_keyword_fields_filter_by_focus_country_region_type_author_year(
    matches: Matches,
) -> None:
    assert matches("country:kz") == {"dams", "oil"}
    assert matches("country:RU") == set()  # mentioned only, not a focus
    assert matches("region:central-asia") == {"dams", "oil"}
    assert matches("type:dispatch") == {"oil"}
    assert matches("type:Forecast") == {"gas"}
    assert matches('author:"dana whitfield"') == {"dams", "gas"}
    assert matches("year:2022") == {"oil"}
    assert matches("access:free") == {"dams", "oil", "gas"}


def test_field_filters_combine_with_words_or_and_minus(matches: Matches) -> None:
    assert matches("water country:UZ") == {"dams"}
    assert matches("country:UZ OR country:TR") == {"dams", "gas"}
    assert matches('-author:"Omar Haddad"') == {"dams"}


def test_words_with_no_hit_in_an_or_group_do_not_break_it(matches: Matches) -> None:
    assert matches("pipeline OR &&") == {"oil"}


def test_blank_text_lists_everything(index: SearchIndex, matches: Matches) -> None:
    assert matches("") == {"dams", "oil", "gas"}
    assert index.document_count() == 3
