"""Browsing the store: keyset pages, kept counts, headlines and bounded connected content."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from alembic import command

from worldbrief.domain import AccessLevel, Article, ArticleType
from worldbrief.store import ArticleStore, open_store
from worldbrief.store.article_queries import RELATED_NEIGHBOURS
from worldbrief.store.engine import create_store_engine, write_transaction
from worldbrief.store.migrate import alembic_config
from worldbrief.store.records import (
    CursorError,
    ListingCursor,
    ListingPage,
    ListingQuery,
)

MakeArticle = Callable[..., Article]
START = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)


def hours(n: int) -> datetime:
    return START + timedelta(hours=n)


@pytest.fixture
def corpus(store: ArticleStore, make_article: MakeArticle) -> ArticleStore:
    """Seven articles, one an hour; two share hour 3 to test the id tie-break."""
    store.upsert_articles(
        [
            make_article("a0", published=hours(0), focus={"KZ": 0.9}, regions=("central-asia",)),
            make_article(
                "a1",
                published=hours(1),
                focus={"KZ": 0.6, "RU": 0.5},
                regions=("central-asia", "europe"),
                type=ArticleType.DISPATCH,
            ),
            make_article(
                "a2",
                published=hours(2),
                focus={"RU": 0.8},
                mentioned={"KZ": 0.2},
                regions=("europe",),
                access=AccessLevel.MEMBERS,
            ),
            make_article("a3", published=hours(3), focus={"CN": 0.7}, regions=("east-asia",)),
            make_article("b3", published=hours(3), focus={"KZ": 0.4}, regions=("central-asia",)),
            make_article("a5", published=hours(5), type=ArticleType.DISPATCH),
            make_article("a6", published=hours(6), focus={"KZ": 0.8}, regions=("central-asia",)),
        ]
    )
    return store


def walk(store: ArticleStore, query: ListingQuery) -> list[list[str]]:
    """Every page from the newest, following the older cursor."""
    pages = []
    page = store.list_page(query)
    pages.append(list(page.ids))
    while page.older is not None:
        page = store.list_page(replace(query, cursor=page.older))
        pages.append(list(page.ids))
    return pages


def test_pages_follow_one_another_newest_first(corpus: ArticleStore) -> None:
    assert walk(corpus, ListingQuery(limit=3)) == [["a6", "a5", "b3"], ["a3", "a2", "a1"], ["a0"]]


def test_newer_cursor_goes_back_and_the_first_page_has_none(corpus: ArticleStore) -> None:
    first = corpus.list_page(ListingQuery(limit=2))
    assert first.newer is None and first.older is not None
    second = corpus.list_page(ListingQuery(limit=2, cursor=first.older))
    third = corpus.list_page(ListingQuery(limit=2, cursor=second.older))
    assert list(third.ids) == ["a2", "a1"]
    assert third.newer is not None
    back = corpus.list_page(ListingQuery(limit=2, cursor=third.newer))
    assert back.ids == second.ids
    assert back.newer is not None
    assert corpus.list_page(ListingQuery(limit=2, cursor=back.newer)) == first


def test_a_newer_page_short_of_full_is_the_first_page(corpus: ArticleStore) -> None:
    newer = ListingCursor(hours(5), "a5", "newer")
    assert corpus.list_page(ListingQuery(limit=3, cursor=newer)) == corpus.list_page(
        ListingQuery(limit=3)
    )


def test_filters_by_place_type_access_and_date(corpus: ArticleStore) -> None:
    def ids(**criteria: object) -> list[str]:
        return [i for page in walk(corpus, ListingQuery(limit=2, **criteria)) for i in page]  # type: ignore[arg-type]

    assert ids(countries=("kz",)) == ["a6", "b3", "a1", "a0"]  # focus only: not a2
    assert ids(countries=("KZ", "RU")) == ["a6", "b3", "a2", "a1", "a0"]  # a1 once
    assert ids(regions=("europe", "central-asia")) == ["a6", "b3", "a2", "a1", "a0"]
    assert ids(types=(ArticleType.DISPATCH,)) == ["a5", "a1"]
    assert ids(countries=("KZ",), types=(ArticleType.DISPATCH, ArticleType.ANALYSIS)) == [
        "a6",
        "b3",
        "a1",
        "a0",
    ]
    assert ids(regions=("central-asia",), types=(ArticleType.ANALYSIS,)) == ["a6", "b3", "a0"]
    assert ids(countries=("RU",), regions=("central-asia",)) == ["a1"]
    assert ids(access=AccessLevel.MEMBERS) == ["a2"]
    assert ids(date_from=hours(1), date_to=hours(3)) == ["b3", "a3", "a2", "a1"]
    assert ids(countries=("UZ",)) == []


def test_pages_read_together_are_the_pages_read_one_by_one(corpus: ArticleStore) -> None:
    first = corpus.list_page(ListingQuery(limit=2))
    queries = [
        ListingQuery(limit=3),  # the tie at hour 3 is cut by id, as alone
        ListingQuery(limit=1, types=(ArticleType.DISPATCH,)),
        ListingQuery(limit=2, regions=("central-asia", "europe")),
        ListingQuery(limit=2, countries=("KZ",), types=(ArticleType.ANALYSIS,)),
        ListingQuery(limit=2, cursor=first.older),
        ListingQuery(limit=2, cursor=ListingCursor(hours(1), "a1", "newer")),
        ListingQuery(limit=3, countries=("UZ",)),
        ListingQuery(limit=9, access=AccessLevel.MEMBERS),
    ]
    assert corpus.list_pages(queries) == [corpus.list_page(q) for q in queries]
    assert corpus.list_pages(queries[:1]) == [corpus.list_page(queries[0])]
    assert corpus.list_pages([]) == []


def test_an_empty_store_lists_nothing(store: ArticleStore) -> None:
    assert store.list_page(ListingQuery()) == ListingPage((), None, None)
    assert store.listing_total(ListingQuery()) == 0


def test_cursors_round_trip_and_refuse_forgeries() -> None:
    cursor = ListingCursor(hours(3), "b3/ü|x", "newer")
    assert ListingCursor.decode(cursor.encode()) == cursor
    for token in (
        "",
        "x" * 2000,
        "!!!",
        "bm90IGEgY3Vyc29y",
        ListingCursor(hours(1), "a").encode()[:-3],
    ):
        with pytest.raises(CursorError):
            ListingCursor.decode(token)


def test_listing_bounds_are_named() -> None:
    with pytest.raises(ValueError, match="limit"):
        ListingQuery(limit=0)
    with pytest.raises(ValueError, match="countries"):
        ListingQuery(countries=tuple(f"C{i}" for i in range(51)))


def test_totals_come_from_kept_counts(corpus: ArticleStore) -> None:
    assert corpus.listing_total(ListingQuery()) == 7
    assert corpus.listing_total(ListingQuery(countries=("kz",))) == 4
    assert corpus.listing_total(ListingQuery(regions=("europe",))) == 2
    assert corpus.listing_total(ListingQuery(types=(ArticleType.DISPATCH,))) == 2
    assert corpus.listing_total(ListingQuery(access=AccessLevel.MEMBERS)) == 1
    assert corpus.listing_total(ListingQuery(countries=("KZ", "RU"))) is None
    assert corpus.listing_total(ListingQuery(date_from=hours(1))) is None


def test_counts_follow_updates_and_deletes(corpus: ArticleStore, make_article: MakeArticle) -> None:
    assert corpus.country_counts() == {"KZ": 4, "RU": 2, "CN": 1}
    assert corpus.facet_counts("type") == {"analysis": 5, "dispatch": 2}
    # a0 moves from Kazakhstan to China and to another year; re-storing it unchanged moves nothing
    moved = make_article(
        "a0", published=datetime(2019, 5, 1, tzinfo=UTC), focus={"CN": 0.9}, regions=("east-asia",)
    )
    corpus.upsert_articles([moved])
    corpus.upsert_articles([moved])
    assert corpus.country_counts() == {"KZ": 3, "RU": 2, "CN": 2}
    assert corpus.region_counts() == {"central-asia": 3, "europe": 2, "east-asia": 2}
    assert corpus.years() == [2024, 2019]
    assert [p for p in walk(corpus, ListingQuery(countries=("CN",)))] == [["a3", "a0"]]
    assert corpus.delete("a1") and not corpus.delete("a1")
    assert corpus.country_counts() == {"KZ": 2, "RU": 1, "CN": 2}
    assert corpus.facet_counts("type") == {"analysis": 5, "dispatch": 1}
    assert corpus.listing_total(ListingQuery()) == 6
    assert walk(corpus, ListingQuery(countries=("KZ",))) == [["a6", "b3"]]


def test_a_batch_repeating_an_id_is_counted_once(
    store: ArticleStore, make_article: MakeArticle
) -> None:
    first = make_article("x", focus={"KZ": 0.9})
    store.upsert_articles([first, replace(first, title="Changed"), first])
    assert store.country_counts() == {"KZ": 1}
    assert store.listing_total(ListingQuery()) == 1


def test_headlines_carry_what_cards_show(corpus: ArticleStore) -> None:
    headlines = corpus.headlines(["a2", "missing", "a1"])
    assert [h.id for h in headlines] == ["a2", "a1"]
    a2 = headlines[0]
    assert a2.access is AccessLevel.MEMBERS and a2.title == "Title of a2"
    # focus countries only (KZ is only mentioned), without evidence
    assert [(c.code, c.focus, c.evidence) for c in a2.countries] == [("RU", True, ())]
    assert [c.code for c in a2.focus_countries] == ["RU"]
    assert [r.id for r in headlines[1].regions] == ["central-asia", "europe"]
    assert headlines[1].authors[0].name == "Dana Analyst"


def test_connected_candidates_are_bounded_to_neighbours_in_time(
    store: ArticleStore, make_article: MakeArticle
) -> None:
    many = RELATED_NEIGHBOURS * 3
    store.upsert_articles(
        [make_article(f"k{i:03d}", published=hours(i), focus={"KZ": 0.5}) for i in range(many)]
    )
    probe = make_article("probe", published=hours(many // 2), focus={"KZ": 0.5})
    related = store.related_by_countries(probe, limit=many)
    assert len(related) == 2 * RELATED_NEIGHBOURS  # the nearest on each side, no more
    dates = {f"k{i:03d}": i for i in range(many)}
    assert all(abs(dates[r] - many // 2) <= RELATED_NEIGHBOURS for r, _ in related)
    assert related[0][0] == f"k{many // 2 + RELATED_NEIGHBOURS:03d}"  # equal scores: newest first


def test_upgrade_fills_listings_and_counts_from_stored_articles(
    store_url: str, make_article: MakeArticle
) -> None:
    """A store written before revision 0008 is browsable at once after the upgrade."""
    early = open_store(store_url)
    early.upsert_articles(
        [
            make_article("old-1", published=hours(1), focus={"KZ": 0.9}, regions=("central-asia",)),
            make_article("old-2", published=hours(2), focus={"KZ": 0.6, "RU": 0.5}),
        ]
    )
    early.close()
    engine = create_store_engine(store_url)
    config = alembic_config()
    try:
        with write_transaction(engine) as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0006")
            assert "article_counts" not in sa.inspect(conn).get_table_names()
    finally:
        engine.dispose()
    store = open_store(store_url)
    try:
        assert store.country_counts() == {"KZ": 2, "RU": 1}
        assert store.region_counts() == {"central-asia": 1}
        assert store.years() == [2024]
        assert store.listing_total(ListingQuery()) == 2
        assert list(store.list_page(ListingQuery(countries=("KZ",))).ids) == ["old-2", "old-1"]
    finally:
        store.close()
