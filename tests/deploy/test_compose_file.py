"""``deploy/compose.yaml`` read as Docker Compose reads it (YAML with merge keys): every reference
resolves, and the read replica is wired as docs/deployment.md says: a standby made from the
primary with ``pg_basebackup -R``, read by the app nodes and by nothing else."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy.engine import make_url

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
READ_URL = "WORLDBRIEF_READ_DATABASE_URL"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _depends_on(service: dict[str, Any]) -> set[str]:
    return set(service.get("depends_on", []))  # a list, or the long form: a map by name


def test_every_service_and_volume_named_exists(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for name, service in services.items():
        assert _depends_on(service) <= set(services), name
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0]
            if source.startswith("./"):
                assert (DEPLOY / source).is_file(), (name, source)
            else:
                assert source in compose["volumes"], (name, source)


def test_the_replica_is_a_standby_made_from_the_primary(compose: dict[str, Any]) -> None:
    primary, replica = compose["services"]["postgres"], compose["services"]["postgres-replica"]
    assert replica["image"] == primary["image"]  # a standby runs the primary's major version
    script = " ".join(replica["entrypoint"])
    assert "pg_basebackup -h postgres -U worldbrief" in script and " -R " in script
    assert "exec postgres" in script
    assert replica["environment"]["PGPASSWORD"] == primary["environment"]["POSTGRES_PASSWORD"]
    assert "postgres" in _depends_on(replica)
    assert replica["volumes"] != primary["volumes"]  # its own data directory
    # The primary admits the replication connection the base backup and the stream make.
    [script_path, init_dir] = next(v for v in primary["volumes"] if v.startswith("./")).split(":")[
        :2
    ]
    assert init_dir.startswith("/docker-entrypoint-initdb.d/")
    hba_line = "host replication $POSTGRES_USER all scram-sha-256"
    assert hba_line in (DEPLOY / script_path).read_text(encoding="utf-8")


def test_app_nodes_read_the_replica_and_workers_do_not(compose: dict[str, Any]) -> None:
    services = compose["services"]
    nodes = [s for s in services.values() if s.get("command", [None, None])[1] == "serve"]
    workers = [s for s in services.values() if s.get("command", [None, None])[1] == "worker"]
    assert len(nodes) == 2 and workers
    for node in nodes:
        primary = make_url(node["environment"]["WORLDBRIEF_DATABASE_URL"])
        replica = make_url(node["environment"][READ_URL])
        assert replica.host == "postgres-replica" and primary.host == "postgres"
        assert (replica.username, replica.database) == (primary.username, primary.database)
        # A node reads the replica from its first request: it starts once the standby answers.
        assert node["depends_on"]["postgres-replica"] == {"condition": "service_healthy"}
        assert "pg_isready" in services["postgres-replica"]["healthcheck"]["test"]
    for worker in workers:
        assert READ_URL not in worker["environment"]  # none of a worker's reads may lag
