"""Upserting batches: created, updated, unchanged and rejected, and deletion."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from worldbrief.domain import AccessLevel, Article, Enrichment
from worldbrief.store import ArticleStore, UpsertOutcome

MakeArticle = Callable[..., Article]


def statuses(outcomes: list[UpsertOutcome]) -> list[tuple[str, str]]:
    return [(o.article_id, o.status) for o in outcomes]


def test_new_articles_are_created(store: ArticleStore, make_article: MakeArticle) -> None:
    outcomes = store.upsert_articles([make_article("a"), make_article("b")])
    assert statuses(outcomes) == [("a", "created"), ("b", "created")]
    assert store.count() == 2


def test_same_batch_again_is_unchanged_and_logs_nothing(
    store: ArticleStore, make_article: MakeArticle
) -> None:
    batch = [make_article("a", focus={"KZ": 0.9}), make_article("b")]
    store.upsert_articles(batch)
    seq = store.max_seq()
    assert statuses(store.upsert_articles(batch)) == [("a", "unchanged"), ("b", "unchanged")]
    assert store.max_seq() == seq
    assert store.count() == 2


def test_changed_text_or_enrichment_is_an_update(
    store: ArticleStore, make_article: MakeArticle
) -> None:
    original = make_article("a", focus={"KZ": 0.9}, regions=("central-asia",))
    store.upsert_articles([original])
    retitled = replace(original, title="New title", content_hash="hash-2")
    reenriched = replace(retitled, enrichment=Enrichment(language="ru"))
    assert statuses(store.upsert_articles([retitled])) == [("a", "updated")]
    assert statuses(store.upsert_articles([reenriched])) == [("a", "updated")]
    assert store.get("a") == reenriched
    assert store.country_counts() == {}
    assert store.region_counts() == {}


def test_access_change_alone_is_an_update(store: ArticleStore, make_article: MakeArticle) -> None:
    store.upsert_articles([make_article("a")])
    assert statuses(store.upsert_articles([make_article("a", access=AccessLevel.MEMBERS)])) == [
        ("a", "updated")
    ]


def test_every_write_gets_a_change_row(store: ArticleStore, make_article: MakeArticle) -> None:
    outcomes = store.upsert_articles([make_article("a"), make_article("b")])
    changes = store.changes_since(0)
    assert [(c.article_id, c.op) for c in changes] == [("a", "upsert"), ("b", "upsert")]
    assert [o.seq for o in outcomes] == [c.seq for c in changes]


def test_repeated_id_in_one_batch_applies_in_order(
    store: ArticleStore, make_article: MakeArticle
) -> None:
    first, second = make_article("a"), make_article("a", title="Second")
    outcomes = store.upsert_articles([first, second, second])
    assert statuses(outcomes) == [("a", "created"), ("a", "updated"), ("a", "unchanged")]
    stored = store.get("a")
    assert stored is not None and stored.title == "Second"


def test_bad_article_is_rejected_and_the_rest_stored(
    store: ArticleStore, make_article: MakeArticle
) -> None:
    batch = [
        make_article("good-1"),
        make_article("bad-metadata", metadata={"handle": object()}),
        make_article("bad-keys", keys=(1, 1 << 63)),
        make_article(""),
        make_article("good-2"),
    ]
    outcomes = store.upsert_articles(batch)
    assert [o.status for o in outcomes] == [
        "created",
        "rejected",
        "rejected",
        "rejected",
        "created",
    ]
    assert outcomes[1].error is not None and "metadata.handle" in outcomes[1].error
    assert outcomes[2].error is not None and "near_duplicate_keys" in outcomes[2].error
    assert outcomes[3].error is not None and "id" in outcomes[3].error
    assert store.count() == 2


def test_empty_batch_does_nothing(store: ArticleStore) -> None:
    assert store.upsert_articles([]) == []
    assert store.max_seq() == 0


def test_delete_removes_article_and_logs_it(store: ArticleStore, make_article: MakeArticle) -> None:
    store.upsert_articles([make_article("a", focus={"KZ": 0.8}, regions=("central-asia",))])
    assert store.delete("a") is True
    assert store.get("a") is None
    assert store.count() == 0
    assert store.country_counts() == {} and store.region_counts() == {}
    assert [(c.article_id, c.op) for c in store.changes_since(0)] == [
        ("a", "upsert"),
        ("a", "delete"),
    ]
    assert store.delete("a") is False
    assert store.max_seq() == 2


def test_deleted_article_can_be_created_again(
    store: ArticleStore, make_article: MakeArticle
) -> None:
    store.upsert_articles([make_article("a")])
    store.delete("a")
    assert statuses(store.upsert_articles([make_article("a")])) == [("a", "created")]
