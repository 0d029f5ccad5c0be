"""What the index reflects, kept next to it: the schema it was built with and the store sequence.

Written atomically after each commit of a backend that keeps its index in a directory, so a
crash can leave the index behind the store (the next catch-up replays the difference) but never
ahead of it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

STATE_FILE = "worldbrief-index.json"


@dataclass(frozen=True, slots=True)
class IndexState:
    schema: str
    applied_seq: int = 0


def read_state(index_dir: Path) -> IndexState | None:
    """None when there is no state file or it cannot be read (the index is then rebuilt)."""
    try:
        data = json.loads((index_dir / STATE_FILE).read_text(encoding="utf-8"))
        return IndexState(schema=str(data["schema"]), applied_seq=int(data["applied_seq"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_state(index_dir: Path, state: IndexState) -> None:
    target = index_dir / STATE_FILE
    temporary = target.with_suffix(".tmp")
    payload = json.dumps({"schema": state.schema, "applied_seq": state.applied_seq})
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(target)
    _sync_directory(index_dir)


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (a no-op where directories cannot be opened)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
