"""Bring a database to the newest schema with Alembic, configured in code (no alembic.ini).

Safe on every start and from several processes at once: the upgrade runs inside the store's
write transaction (SQLite's write lock, PostgreSQL's advisory lock), so a second process waits
and then finds nothing left to do.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from worldbrief.store.engine import write_transaction
from worldbrief.store.errors import StoreError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    # Config values are interpolated: a literal % in the path must be doubled.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise StoreError(f"no migrations found in {MIGRATIONS_DIR}")
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade_to_head(engine: Engine) -> None:
    """Apply pending migrations; do nothing (cheaply) when the schema is current."""
    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return
    known = {revision.revision for revision in script.walk_revisions()}
    if current is not None and current not in known:
        raise StoreError(
            f"the database schema is at revision {current!r}, which this version of worldbrief "
            f"does not know (its newest is {head!r}); upgrade worldbrief"
        )
    with write_transaction(engine) as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
