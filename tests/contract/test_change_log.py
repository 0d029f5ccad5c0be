"""The change log the search index catches up from."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from worldbrief.domain import Article
from worldbrief.store import ArticleStore, Change


def test_sequence_grows_and_pages(
    store: ArticleStore, make_article: Callable[..., Article]
) -> None:
    assert store.max_seq() == 0
    assert store.changes_since(0) == []
    for round_ in range(3):
        store.upsert_articles([make_article(f"r{round_}-{i}") for i in range(4)])
    store.delete("r0-0")
    everything = store.changes_since(0)
    seqs = [c.seq for c in everything]
    assert len(everything) == 13
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert store.max_seq() == seqs[-1]
    assert everything[-1] == Change(seqs[-1], "r0-0", "delete")

    first_page = store.changes_since(0, limit=5)
    second_page = store.changes_since(first_page[-1].seq, limit=5)
    assert first_page + second_page == everything[:10]
    assert store.changes_since(store.max_seq()) == []


def test_limit_must_be_positive(store: ArticleStore) -> None:
    with pytest.raises(ValueError, match="limit"):
        store.changes_since(0, limit=0)


def test_iter_all_ids_visits_every_article_once(
    store: ArticleStore, make_article: Callable[..., Article]
) -> None:
    ids = [f"id-{i:03d}" for i in range(25)]
    store.upsert_articles([make_article(i) for i in ids])
    batches = list(store.iter_all_ids(batch=10))
    assert [len(b) for b in batches] == [10, 10, 5]
    assert [i for b in batches for i in b] == sorted(ids)
