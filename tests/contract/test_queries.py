"""Listing, counting and relating stored articles."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from worldbrief.domain import AccessLevel, Article, ArticleType
from worldbrief.store import ArticleFilter, ArticleStore

MakeArticle = Callable[..., Article]


def day(d: int, month: int = 3, year: int = 2024) -> datetime:
    return datetime(year, month, d, 12, 0, tzinfo=UTC)


@pytest.fixture
def corpus(store: ArticleStore, make_article: MakeArticle) -> ArticleStore:
    store.upsert_articles(
        [
            make_article("kz-1", published=day(1), focus={"KZ": 0.9}, regions=("central-asia",)),
            make_article(
                "kz-ru",
                published=day(2),
                focus={"KZ": 0.6, "RU": 0.5},
                regions=("central-asia", "europe"),
                type=ArticleType.DISPATCH,
            ),
            make_article(
                "ru-1",
                published=day(3),
                focus={"RU": 0.8},
                mentioned={"KZ": 0.2},
                regions=("europe",),
                access=AccessLevel.MEMBERS,
            ),
            make_article("cn-1", published=day(4, year=2023), focus={"CN": 0.7}),
            make_article("none", published=day(5)),
        ]
    )
    return store


def listed(store: ArticleStore, **criteria: object) -> tuple[int, list[str]]:
    total, page = store.list_articles(ArticleFilter(**criteria))  # type: ignore[arg-type]
    return total, [a.id for a in page]


def test_everything_newest_first(corpus: ArticleStore) -> None:
    assert listed(corpus) == (5, ["none", "ru-1", "kz-ru", "kz-1", "cn-1"])


def test_countries_match_focus_only_and_either_of_several(corpus: ArticleStore) -> None:
    assert listed(corpus, countries=("KZ",)) == (2, ["kz-ru", "kz-1"])
    assert listed(corpus, countries=("kz", "cn")) == (3, ["kz-ru", "kz-1", "cn-1"])


def test_regions_types_and_access(corpus: ArticleStore) -> None:
    assert listed(corpus, regions=("europe",)) == (2, ["ru-1", "kz-ru"])
    assert listed(corpus, types=("dispatch",)) == (1, ["kz-ru"])
    assert listed(corpus, access="members") == (1, ["ru-1"])
    assert listed(corpus, regions=("central-asia",), types=(ArticleType.ANALYSIS,)) == (1, ["kz-1"])


def test_date_bounds_are_inclusive(corpus: ArticleStore) -> None:
    assert listed(corpus, date_from=day(2), date_to=day(3)) == (2, ["ru-1", "kz-ru"])
    assert listed(corpus, date_to=day(4, year=2023)) == (1, ["cn-1"])


def test_paging_reports_the_full_total(corpus: ArticleStore) -> None:
    assert listed(corpus, limit=2, offset=0) == (5, ["none", "ru-1"])
    assert listed(corpus, limit=2, offset=4) == (5, ["cn-1"])
    assert listed(corpus, limit=2, offset=10) == (5, [])


def test_bad_filter_values_are_named() -> None:
    with pytest.raises(ValueError, match="limit"):
        ArticleFilter(limit=-1)
    with pytest.raises(ValueError, match="countries"):
        ArticleFilter(countries="KZ")  # type: ignore[arg-type]


def test_an_unknown_type_is_refused_with_the_known_ones(corpus: ArticleStore) -> None:
    with pytest.raises(ValueError, match="unknown article type; expected one of analysis") as e:
        corpus.list_articles(ArticleFilter(types=("poem",)))
    assert "poem" not in str(e.value)  # errors never repeat the value sent


def test_counts_and_years(corpus: ArticleStore) -> None:
    assert corpus.country_counts() == {"KZ": 2, "RU": 2, "CN": 1}
    assert corpus.region_counts() == {"central-asia": 2, "europe": 2}
    assert corpus.years() == [2024, 2023]


def test_related_by_countries_scores_overlap(
    corpus: ArticleStore, make_article: MakeArticle
) -> None:
    probe = make_article("probe", focus={"KZ": 0.7, "RU": 0.3})
    related = corpus.related_by_countries(probe, limit=10)
    assert [r[0] for r in related] == ["kz-ru", "kz-1", "ru-1"]
    assert related[0][1] == pytest.approx(0.6 + 0.3)
    assert related[1][1] == pytest.approx(0.7)
    assert related[2][1] == pytest.approx(0.3)
    assert corpus.related_by_countries(probe, limit=1) == related[:1]


def test_related_excludes_itself_and_breaks_ties_newest_first(
    corpus: ArticleStore, make_article: MakeArticle
) -> None:
    corpus.upsert_articles([make_article("kz-2", published=day(9), focus={"KZ": 0.9})])
    kz1 = corpus.get("kz-1")
    assert kz1 is not None
    assert [r[0] for r in corpus.related_by_countries(kz1, limit=5)] == ["kz-2", "kz-ru"]
    assert corpus.related_by_countries(make_article("lonely"), limit=5) == []


def test_lookups_by_url_and_content_hash(store: ArticleStore, make_article: MakeArticle) -> None:
    store.upsert_articles(
        [
            make_article("later", published=day(5), content_hash="same"),
            make_article("earlier", published=day(1), content_hash="same"),
        ]
    )
    assert store.find_id_by_url("https://example.org/later") == "later"
    assert store.find_id_by_url("https://example.org/unknown") is None
    assert store.find_id_by_content_hash("same") == "earlier"
    assert store.find_id_by_content_hash("other") is None
