"""Opening stores: migrations, their safety on every start, and clear errors for bad URLs."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

# Their tables join the shared metadata on import; the comparison must see every table even
# when this file runs alone.
import worldbrief.store.alert_tables
import worldbrief.store.delivery_tables  # noqa: F401
from worldbrief.config import normalise_database_url
from worldbrief.domain import Article
from worldbrief.store import ArticleStore, StoreError, open_store
from worldbrief.store.migrate import head_revision
from worldbrief.store.schema import metadata


def test_reopening_keeps_data_and_schema(
    store_url: str, make_article: Callable[..., Article]
) -> None:
    first = open_store(store_url)
    first.upsert_articles([make_article("a")])
    first.close()
    for _ in range(2):
        again = open_store(store_url)
        assert again.count() == 1
        again.close()


def test_migrated_schema_matches_the_table_definitions(store: ArticleStore) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn)
        assert context.get_current_revision() == head_revision()
        assert compare_metadata(context, metadata) == []


def test_opening_at_once_from_several_threads(store_url: str) -> None:
    opened: list[ArticleStore] = []
    failures: list[BaseException] = []

    def open_one() -> None:
        try:
            opened.append(open_store(store_url))
        except BaseException as exc:  # reported below, with the others
            failures.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in opened:
        s.close()
    assert failures == []
    assert len(opened) == 4


def test_dialect_is_named(store: ArticleStore, store_url: str) -> None:
    assert store.dialect == ("sqlite" if store_url.startswith("sqlite") else "postgresql")


def test_schema_newer_than_the_code_is_refused(store_url: str) -> None:
    open_store(store_url).close()
    engine = sa.create_engine(normalise_database_url(store_url))
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="9999"):
        open_store(store_url)


def test_unreachable_server_is_named_without_password() -> None:
    with pytest.raises(StoreError) as caught:
        open_store("postgresql+psycopg://reader:s3cret@127.0.0.1:1/worldbrief")
    message = str(caught.value)
    assert "127.0.0.1:1/worldbrief" in message and "reader:***@" in message
    assert "s3cret" not in message


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("not a url", "invalid database URL"),
        ("mysql://root:hunter2@localhost/db", "unsupported database 'mysql'"),
    ],
)
def test_bad_urls_are_named(url: str, expected: str) -> None:
    with pytest.raises(StoreError, match=expected) as caught:
        open_store(url)
    assert "hunter2" not in str(caught.value)


def test_sqlite_directory_is_created(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'new' / 'dir' / 'wb.db'}")
    assert store.count() == 0
    store.close()
    assert (tmp_path / "new" / "dir" / "wb.db").exists()


def test_database_failures_name_the_operation(store: ArticleStore, store_url: str) -> None:
    engine = sa.create_engine(normalise_database_url(store_url))
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE changes"))
    engine.dispose()
    with pytest.raises(StoreError, match="max_seq failed"):
        store.max_seq()
