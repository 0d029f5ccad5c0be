"""Database fixtures shared by the whole suite.

``store_url`` runs a test once per backend: SQLite (a file in the test's tmp dir) always, and
PostgreSQL when ``WORLDBRIEF_TEST_DATABASE_URL`` names a server (e.g.
``postgresql://postgres@127.0.0.1:5432/test``). On PostgreSQL the session gets its own uniquely
named database and each test its own schema, both dropped afterwards, so runs never collide.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from worldbrief.config import normalise_database_url
from worldbrief.store import ArticleStore, open_store

TEST_DATABASE_ENV = "WORLDBRIEF_TEST_DATABASE_URL"
POSTGRES_SERVER_URL = os.environ.get(TEST_DATABASE_ENV) or None
STORE_BACKENDS = ["sqlite", *(["postgresql"] if POSTGRES_SERVER_URL else [])]


def pytest_report_header() -> str:
    if POSTGRES_SERVER_URL:
        return "store backends: sqlite, postgresql"
    return f"store backends: sqlite (set {TEST_DATABASE_ENV} to add postgresql)"


def _admin_engine(url: str) -> sa.Engine:
    return sa.create_engine(normalise_database_url(url), isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def postgres_database_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session (skips when no server is configured)."""
    if not POSTGRES_SERVER_URL:
        pytest.skip(f"{TEST_DATABASE_ENV} is not set")
    name = f"worldbrief_test_{uuid.uuid4().hex[:12]}"
    admin = _admin_engine(POSTGRES_SERVER_URL)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = make_url(normalise_database_url(POSTGRES_SERVER_URL)).set(database=name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(params=STORE_BACKENDS)
def store_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The URL of an empty, not yet migrated store on each configured backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('store') / 'worldbrief.db'}"
        return
    database_url: str = request.getfixturevalue("postgres_database_url")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = _admin_engine(database_url)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = make_url(database_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture
def store(store_url: str) -> Iterator[ArticleStore]:
    """An opened, empty store; closed after the test."""
    opened = open_store(store_url)
    try:
        yield opened
    finally:
        opened.close()
