"""Near-duplicate candidates by shared LSH keys, and the links between copies and originals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from worldbrief.domain import Article
from worldbrief.store import ArticleStore

MakeArticle = Callable[..., Article]


def day(n: int) -> datetime:
    return datetime(2024, 5, n, tzinfo=UTC)


def test_most_shared_keys_first_then_oldest(store: ArticleStore, make_article: MakeArticle) -> None:
    store.upsert_articles(
        [
            make_article("one-key-new", published=day(9), keys=(1, 50)),
            make_article("one-key-old", published=day(2), keys=(2, 60)),
            make_article("three-keys", published=day(8), keys=(1, 2, 3)),
            make_article("two-keys", published=day(1), keys=(2, 3, 70)),
            make_article("unrelated", published=day(1), keys=(80, 90)),
            make_article("no-keys", published=day(1)),
        ]
    )
    found = store.near_duplicate_candidates([1, 2, 3, 4], exclude_id=None)
    assert found == ["three-keys", "two-keys", "one-key-old", "one-key-new"]


def test_exclusion_and_limit(store: ArticleStore, make_article: MakeArticle) -> None:
    store.upsert_articles(
        [make_article(f"copy-{n}", published=day(n), keys=(5, 6)) for n in range(1, 6)]
    )
    assert store.near_duplicate_candidates([5], exclude_id="copy-1", limit=2) == [
        "copy-2",
        "copy-3",
    ]
    assert store.near_duplicate_candidates([5], exclude_id=None, limit=0) == []
    assert store.near_duplicate_candidates([], exclude_id=None) == []


def test_deleted_articles_take_their_keys_with_them(
    store: ArticleStore, make_article: MakeArticle
) -> None:
    store.upsert_articles([make_article("gone", keys=(11,)), make_article("kept", keys=(11,))])
    store.delete("gone")
    assert store.near_duplicate_candidates([11], exclude_id=None) == ["kept"]


def test_keys_a_database_cannot_hold_are_named(store: ArticleStore) -> None:
    with pytest.raises(ValueError, match="near_duplicate_keys"):
        store.near_duplicate_candidates([1 << 64], exclude_id=None)


def test_duplicates_of_lists_linked_copies(store: ArticleStore, make_article: MakeArticle) -> None:
    store.upsert_articles(
        [
            make_article("original"),
            make_article("copy-2", published=day(3), duplicate_of="original"),
            make_article("copy-1", published=day(2), duplicate_of="original"),
        ]
    )
    assert [a.id for a in store.duplicates_of("original")] == ["copy-1", "copy-2"]
    assert store.duplicates_of("copy-1") == []
