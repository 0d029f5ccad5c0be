"""A PostgreSQL primary and a streaming replica of it, made for a test session and removed after.

The pair is our own (``initdb`` in a temporary directory), not the shared server on port 5432:
that server's ``pg_hba.conf`` admits no replication connections, and a base backup of it would
copy every database other tests keep there. ``initdb`` writes an ``pg_hba.conf`` that admits
replication from the local socket and 127.0.0.1 with trust, so nothing on the machine changes.
PostgreSQL refuses to run as root: as root, every server command runs as ``postgres``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg

POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")
DATABASE = "worldbrief"
REPLAY_TIMEOUT_SECONDS = 60.0  # a bound on the poll, not an expectation: replay takes milliseconds
_COMMAND_TIMEOUT_SECONDS = 120
# Small and quick: a test cluster never needs durability across a crash of the machine.
_SERVER_SETTINGS = """
listen_addresses = '127.0.0.1'
unix_socket_directories = '{socket_dir}'
wal_level = replica
max_wal_senders = 4
hot_standby = on
fsync = off
full_page_writes = off
shared_buffers = 32MB
max_connections = 40
"""


class ReplicaUnavailableError(Exception):
    """The pair cannot be made on this machine; the message says why."""


@dataclass(frozen=True, slots=True)
class StreamingPair:
    root: Path
    primary_port: int
    replica_port: int

    @property
    def primary_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.primary_port}/{DATABASE}"

    @property
    def replica_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.replica_port}/{DATABASE}"

    def primary_sql(self, statement: str) -> object:
        return _one(self.primary_port, statement)

    def replica_sql(self, statement: str) -> object:
        return _one(self.replica_port, statement)

    def wait_for_replay(self) -> None:
        """Until the replica has replayed everything the primary wrote before this call
        (polls ``pg_last_wal_replay_lsn``; bounded)."""
        target = str(self.primary_sql("SELECT pg_current_wal_lsn()"))
        deadline = time.monotonic() + REPLAY_TIMEOUT_SECONDS
        while not self.replica_sql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn"):
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"the replica did not replay up to {target} in {REPLAY_TIMEOUT_SECONDS} s"
                )
            time.sleep(0.01)

    @contextmanager
    def replay_paused(self) -> Iterator[None]:
        """The replica stops applying the primary's changes (it still receives them): a lag as
        long as the block, so a test can tell which server answered."""
        self.replica_sql("SELECT pg_wal_replay_pause()")
        try:
            yield
        finally:
            self.replica_sql("SELECT pg_wal_replay_resume()")


@contextmanager
def streaming_pair() -> Iterator[StreamingPair]:
    """Raises ReplicaUnavailableError, with the reason, when the pair cannot be made here."""
    missing = [n for n in ("initdb", "pg_ctl", "pg_basebackup") if not (POSTGRES_BIN / n).exists()]
    if missing:
        raise ReplicaUnavailableError(
            f"PostgreSQL 15 server binaries missing in {POSTGRES_BIN}: {missing}"
        )
    as_root = os.geteuid() == 0
    root = Path(tempfile.mkdtemp(prefix="worldbrief-replica-"))
    started: list[Path] = []
    try:
        if as_root:
            shutil.chown(root, "postgres", "postgres")
        primary, replica = root / "primary", root / "replica"
        ports = _free_ports(2)
        _run(as_root, "initdb", "-D", str(primary), "-U", "postgres", "--auth=trust",
             "--encoding=UTF8", "--locale=C", "--no-sync")  # fmt: skip
        with (primary / "postgresql.conf").open("a") as conf:
            conf.write(_SERVER_SETTINGS.format(socket_dir=root))
        _start(as_root, primary, ports[0], started)
        _one(ports[0], f'CREATE DATABASE "{DATABASE}"', database="postgres")
        # -R writes standby.signal and primary_conninfo: the copy starts as a streaming standby.
        _run(as_root, "pg_basebackup", "-h", "127.0.0.1", "-p", str(ports[0]),
             "-U", "postgres", "-D", str(replica), "-R", "-X", "stream",
             "--checkpoint=fast", "--no-sync")  # fmt: skip
        _start(as_root, replica, ports[1], started)
        pair = StreamingPair(root, ports[0], ports[1])
        if pair.replica_sql("SELECT pg_is_in_recovery()") is not True:
            raise ReplicaUnavailableError(
                "the copy made by pg_basebackup -R did not start as a standby"
            )
        yield pair
    finally:
        for data_dir in reversed(started):
            _run(as_root, "pg_ctl", "-D", str(data_dir), "-m", "immediate", "-w", "stop",
                 check=False)  # fmt: skip
        shutil.rmtree(root, ignore_errors=True)


def _start(as_root: bool, data_dir: Path, port: int, started: list[Path]) -> None:
    log = data_dir.parent / f"{data_dir.name}.log"
    started.append(data_dir)
    _run(as_root, "pg_ctl", "-D", str(data_dir), "-l", str(log), "-o", f"-p {port}", "-w",
         "-t", "60", "start")  # fmt: skip


def _run(as_root: bool, program: str, *args: str, check: bool = True) -> None:
    command = [str(POSTGRES_BIN / program), *args]
    if as_root:
        command = ["runuser", "-u", "postgres", "--", *command]
    done = subprocess.run(
        command,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=_COMMAND_TIMEOUT_SECONDS,
        check=False,
        cwd="/",  # postgres may not read the caller's working directory
    )
    if check and done.returncode != 0:
        raise ReplicaUnavailableError(
            f"{program} failed ({done.returncode}): {(done.stderr or done.stdout).strip()[-800:]}"
        )


def _one(port: int, statement: str, database: str = DATABASE) -> object:
    with psycopg.connect(
        host="127.0.0.1", port=port, user="postgres", dbname=database, autocommit=True
    ) as conn:
        cursor = conn.execute(statement)
        row = cursor.fetchone() if cursor.description else None
    return row[0] if row else None


def _free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()
