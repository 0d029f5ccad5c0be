"""A stage that keeps its output in tables of its own: stored with its article, read back,
counted in change detection, and deleted with it; on both databases."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, ClassVar

import pytest
import sqlalchemy as sa

from worldbrief.domain import Article, EntityType, NamedEntity, Span
from worldbrief.enrich.registry import register_stage, unregister_stage
from worldbrief.store import ArticleStore
from worldbrief.store.stage_tables import register_stage_tables, registered_stage_tables

MakeArticle = Callable[..., Article]

_metadata = sa.MetaData()
people = sa.Table(
    "test_people",
    _metadata,
    sa.Column("article_id", sa.Text, primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
)
# As a migration would create it: its rows go with their article.
_DDL = (
    "CREATE TABLE test_people (article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE "
    'CASCADE, position INTEGER NOT NULL, name TEXT NOT NULL, start INTEGER NOT NULL, "end" '
    "INTEGER NOT NULL, PRIMARY KEY (article_id, position))"
)


class PeopleTables:
    """Keeps ``enrichment.entities`` (people only, for this test) in ``test_people``."""

    field = "entities"
    tables = (people,)

    def rows(self, article: Article) -> Mapping[str, list[dict[str, Any]]]:
        return {
            people.name: [
                {
                    "position": i,
                    "name": e.name,
                    "start": e.mentions[0].start,
                    "end": e.mentions[0].end,
                }
                for i, e in enumerate(article.enrichment.entities)
            ]
        }

    def value(self, rows: Mapping[str, Sequence[Mapping[Any, Any]]]) -> object:
        return tuple(
            _person(r["name"], Span(r["start"], r["end"])) for r in rows.get(people.name, ())
        )


class PeopleStage:
    name: ClassVar[str] = "people"
    requires: ClassVar[frozenset[str]] = frozenset({"plain_text"})
    assigns: ClassVar[frozenset[str]] = frozenset({"enrichment.entities"})

    def __call__(self, article: Article) -> Article:
        return article


@pytest.fixture
def people_stage(store: ArticleStore) -> Iterator[None]:
    with store.engine.begin() as conn:
        conn.exec_driver_sql(_DDL)
    before = [t for t in registered_stage_tables() if t.field == PeopleTables.field]
    register_stage(PeopleStage, tables=PeopleTables())
    yield
    unregister_stage(PeopleStage.name)
    for tables in before:  # the entities stage's own tables, for the tests after this one
        register_stage_tables(tables)


def _person(name: str, span: Span) -> NamedEntity:
    return NamedEntity(name.lower(), name, EntityType.PERSON, (span,))


def _with_people(article: Article, *names: str) -> Article:
    mentions = tuple(_person(n, Span(i, i + 1)) for i, n in enumerate(names))
    return dataclasses.replace(
        article, enrichment=dataclasses.replace(article.enrichment, entities=mentions)
    )


def _stored_rows(store: ArticleStore) -> list[tuple[str, int, str]]:
    with store.engine.connect() as conn:
        stmt = sa.select(people.c.article_id, people.c.position, people.c.name)
        return [
            tuple(r) for r in conn.execute(stmt.order_by(people.c.article_id, people.c.position))
        ]


def test_the_output_lives_in_the_stage_tables_and_comes_back(
    store: ArticleStore, make_article: MakeArticle, people_stage: None
) -> None:
    article = _with_people(make_article("a1"), "Tokayev", "Mirziyoyev")
    assert [o.status for o in store.upsert_articles([article])] == ["created"]
    assert _stored_rows(store) == [("a1", 0, "Tokayev"), ("a1", 1, "Mirziyoyev")]
    with store.engine.connect() as conn:  # not also in the article row
        assert conn.execute(sa.text("SELECT entities FROM articles")).scalar() in ([], "[]")
    assert store.get("a1") == article


def test_a_change_in_the_stage_output_alone_is_an_update(
    store: ArticleStore, make_article: MakeArticle, people_stage: None
) -> None:
    article = _with_people(make_article("a1"), "Tokayev")
    store.upsert_articles([article])
    assert [o.status for o in store.upsert_articles([article])] == ["unchanged"]
    changed = _with_people(article, "Japarov")
    [outcome] = store.upsert_articles([changed])
    assert outcome.status == "updated" and outcome.seq == store.max_seq()
    assert _stored_rows(store) == [("a1", 0, "Japarov")]
    assert store.get("a1") == changed


def test_the_rows_go_with_their_article(
    store: ArticleStore, make_article: MakeArticle, people_stage: None
) -> None:
    store.upsert_articles([_with_people(make_article("a1"), "Tokayev"), make_article("a2")])
    assert store.delete("a1")
    assert _stored_rows(store) == []
    stored = store.get("a2")
    assert stored is not None and stored.enrichment.entities == ()
