"""Alembic environment. ``open_store`` passes a connection already inside a locked transaction
(``config.attributes["connection"]``); the ``alembic`` command line may instead give a URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

# Their tables join the shared metadata on import, so `alembic revision --autogenerate` sees them.
import worldbrief.store.alert_tables
import worldbrief.store.delivery_tables  # noqa: F401
from worldbrief.store.engine import create_store_engine, write_transaction
from worldbrief.store.schema import metadata

config = context.config


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters by copying tables
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("set sqlalchemy.url (alembic -x or the config) to run migrations")
    engine = create_store_engine(url)
    try:
        with write_transaction(engine) as connection:
            run_on(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
