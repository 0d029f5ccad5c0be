"""Near-duplicate lookup by SimHash: distances up to 3 are always found."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from worldbrief.domain import Article
from worldbrief.store import ArticleStore

BASE = 0x0123_4567_89AB_CDEF


def flip(value: int, *bits: int) -> int:
    for bit in bits:
        value ^= 1 << bit
    return value


@pytest.mark.parametrize(
    "bits",
    [(), (0,), (63,), (0, 16), (5, 21, 37), (15, 31, 47)],
    ids=["same", "1-bit", "top-bit", "2-bands", "3-bands", "3-band-edges"],
)
def test_distance_up_to_three_is_found(
    store: ArticleStore, make_article: Callable[..., Article], bits: tuple[int, ...]
) -> None:
    store.upsert_articles([make_article("original", simhash=BASE)])
    assert store.find_near_duplicate(flip(BASE, *bits), max_distance=3) == "original"


def test_farther_than_allowed_is_not_a_duplicate(
    store: ArticleStore, make_article: Callable[..., Article]
) -> None:
    store.upsert_articles([make_article("original", simhash=BASE)])
    assert store.find_near_duplicate(flip(BASE, 1, 2, 3), max_distance=2) is None
    assert store.find_near_duplicate(flip(BASE, 1, 2, 3, 4), max_distance=6) == "original"
    assert store.find_near_duplicate(BASE ^ ((1 << 64) - 1), max_distance=6) is None


def test_duplicates_of_lists_linked_copies(
    store: ArticleStore, make_article: Callable[..., Article]
) -> None:
    store.upsert_articles(
        [
            make_article("original"),
            make_article(
                "copy-2", published=datetime(2024, 5, 3, tzinfo=UTC), duplicate_of="original"
            ),
            make_article(
                "copy-1", published=datetime(2024, 5, 2, tzinfo=UTC), duplicate_of="original"
            ),
        ]
    )
    assert [a.id for a in store.duplicates_of("original")] == ["copy-1", "copy-2"]
    assert store.duplicates_of("copy-1") == []


def test_oldest_wins_and_exclusion(
    store: ArticleStore, make_article: Callable[..., Article]
) -> None:
    store.upsert_articles(
        [
            make_article("copy", published=datetime(2024, 5, 2, tzinfo=UTC), simhash=flip(BASE, 9)),
            make_article("first", published=datetime(2024, 5, 1, tzinfo=UTC), simhash=BASE),
            make_article("unrelated", simhash=~BASE & ((1 << 64) - 1)),
            make_article("no-hash"),
        ]
    )
    assert store.find_near_duplicate(BASE, max_distance=3) == "first"
    assert store.find_near_duplicate(BASE, max_distance=3, exclude_id="first") == "copy"
