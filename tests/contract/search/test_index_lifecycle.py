"""Writing to the index: upsert, delete, commit sequence, clear, reopening and recreation."""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from worldbrief.domain import Article
from worldbrief.search.errors import IndexLockedError
from worldbrief.search.index import SearchIndex
from worldbrief.search.query import SearchQuery

Factory = Callable[..., Article]
Matches = Callable[..., set[str]]
OpenIndex = Callable[[Path], SearchIndex]


def test_it_serves_as_the_search_index_contract(index: SearchIndex) -> None:
    contract: SearchIndex = index  # checked by mypy: every protocol method with its signature
    assert contract.applied_seq() == 0


def test_changes_are_searchable_only_after_commit(
    index: SearchIndex, article: Factory, matches: Matches
) -> None:
    index.upsert([article("a", "Steppe wind farms")])
    assert matches("steppe") == set()
    index.commit()
    assert matches("steppe") == {"a"}


def test_upsert_replaces_an_article_with_the_same_id(
    index: SearchIndex, article: Factory, matches: Matches
) -> None:
    index.upsert([article("a", "Steppe wind farms", focus=["KZ"])])
    index.commit()
    index.upsert([article("a", "Desert solar parks", focus=["UZ"])])
    index.commit()
    assert matches("steppe") == set()
    assert matches("solar") == {"a"}
    assert matches(countries=("KZ",)) == set()
    assert index.document_count() == 1


def test_the_same_id_twice_in_one_batch_keeps_the_last(
    index: SearchIndex, article: Factory, matches: Matches
) -> None:
    index.upsert([article("a", "First draft"), article("a", "Final version")])
    index.commit()
    assert matches() == {"a"}
    assert index.search(SearchQuery()).hits[0].title == "Final version"


def test_delete_removes_by_id(index: SearchIndex, article: Factory, matches: Matches) -> None:
    index.upsert([article("a", "Wind"), article("b", "Wind and sun")])
    index.commit()
    index.delete(["a", "never-indexed"])
    index.commit()
    assert matches("wind") == {"b"}


def test_one_bad_article_does_not_stop_the_batch(
    index: SearchIndex, article: Factory, matches: Matches, caplog: pytest.LogCaptureFixture
) -> None:
    bad = dataclasses.replace(article("bad", "Broken"), id="")
    odd = article("odd", "Strange country", focus=["Kazakhstan"])
    with caplog.at_level(logging.ERROR):
        index.upsert([article("a", "Fine"), bad, odd, article("b", "Fine too")])
    index.commit()
    assert matches("fine") == {"a", "b"}
    assert [r.location for r in index.rejected] == ["article titled 'Broken'", "article 'odd'"]
    assert "country must be a two-letter country code" in index.rejected[1].reason
    assert index.rejected[0].reason == "the article has no id"
    assert "Not indexed: article 'odd': country must be" in caplog.text


def test_applied_seq_survives_reopening(
    tmp_path: Path, article: Factory, open_index: OpenIndex
) -> None:
    path = tmp_path / "index"
    with closing(open_index(path)) as first:
        assert first.applied_seq() == 0
        first.upsert([article("a", "Steppe")])
        first.commit(applied_seq=42)
        first.commit()  # a commit without a sequence keeps the last one
    with closing(open_index(path)) as reopened:
        assert reopened.applied_seq() == 42
        assert reopened.search(SearchQuery(text="steppe")).total == 1


def test_negative_sequence_is_refused(index: SearchIndex) -> None:
    with pytest.raises(ValueError, match="applied_seq must be 0 or more, got -1"):
        index.commit(applied_seq=-1)


def test_clear_empties_the_index_and_resets_the_sequence(
    index: SearchIndex, article: Factory, matches: Matches
) -> None:
    index.upsert([article("a", "Steppe"), article("b", "Desert")])
    index.commit(applied_seq=7)
    index.clear()
    assert matches() == set()
    assert index.applied_seq() == 0
    index.upsert([article("c", "Coast")])
    index.commit(applied_seq=1)
    assert matches() == {"c"}


def test_an_index_with_another_schema_is_recreated_empty(
    tmp_path: Path, article: Factory, open_index: OpenIndex, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "index"
    with closing(open_index(path)) as old:
        old.upsert([article("a", "Steppe")])
        old.commit(applied_seq=9)
    state = path / "worldbrief-index.json"
    state.write_text(json.dumps({"schema": "an-older-schema", "applied_seq": 9}))
    with caplog.at_level(logging.WARNING), closing(open_index(path)) as rebuilt:
        assert rebuilt.applied_seq() == 0
        assert rebuilt.search(SearchQuery()).total == 0
    assert "is incompatible (its schema differs); recreating it empty" in caplog.text
    assert "worldbrief reindex" in caplog.text


def test_a_directory_of_other_files_is_left_alone(tmp_path: Path, open_index: OpenIndex) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ValueError, match="holds files but no search index"):
        open_index(tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_a_second_writer_gets_a_clear_error(
    tmp_path: Path, article: Factory, open_index: OpenIndex
) -> None:
    path = tmp_path / "index"
    with closing(open_index(path)) as writer, closing(open_index(path)) as other:
        writer.upsert([article("a", "Steppe")])
        writer.commit(applied_seq=3)
        assert other.search(SearchQuery(text="steppe")).total == 1  # readers need no lock
        assert other.applied_seq() == 3
        with pytest.raises(IndexLockedError, match="only one writer may run at a time"):
            other.upsert([article("b", "Desert")])
