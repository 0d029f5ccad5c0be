"""Where the site's reads go: the setting's checks, the replica a process keeps, and the
default of no replica, where every read is the primary's."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from worldbrief.config import Settings
from worldbrief.services.platform import open_platform
from worldbrief.store.site_reads import pinned_replica

PRIMARY = "postgresql://app@db-primary/worldbrief"


def test_several_replicas_are_separated_by_spaces_and_normalised() -> None:
    settings = Settings(
        database_url=PRIMARY,
        read_database_url=" postgresql://app@db-r1/worldbrief\n postgres://app@db-r2/worldbrief ",
    )
    assert settings.read_database_urls == (
        "postgresql+psycopg://app@db-r1/worldbrief",
        "postgresql+psycopg://app@db-r2/worldbrief",
    )


def test_a_replica_url_that_is_not_postgresql_is_refused_with_its_password_hidden() -> None:
    with pytest.raises(ValidationError, match=r"'mysql://app:\*\*\*@db/w' is not a PostgreSQL"):
        Settings(database_url=PRIMARY, read_database_url="mysql://app:hunter2@db/w")


def test_replicas_need_a_postgresql_primary() -> None:
    with pytest.raises(ValidationError, match="database_url is not PostgreSQL"):
        Settings(read_database_url="postgresql://app@db-r1/worldbrief")


def test_a_process_keeps_one_replica_and_processes_spread_over_them() -> None:
    urls = ["postgresql://r1/w", "postgresql://r2/w", "postgresql://r3/w"]
    assert pinned_replica(urls, 4242) == pinned_replica(urls, 4242)
    assert {pinned_replica(urls, pid) for pid in range(100, 106)} == set(urls)


def test_without_a_replica_the_site_reads_the_primary(tmp_path: Path) -> None:
    platform = open_platform(Settings(data_dir=tmp_path / "data"))
    try:
        assert not platform.site_reads.on_replica
        assert platform.site_reads.lagging is platform.store
        assert platform.site_reads.events.store.engine is platform.store.engine
    finally:
        platform.close()
