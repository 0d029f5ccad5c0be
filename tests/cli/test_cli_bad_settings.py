"""A bad setting or an unreachable store is one clear line on stderr, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def _run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "WORLDBRIEF_DATA_DIR": str(tmp_path / "data"), **env}
    return subprocess.run(
        [sys.executable, "-m", "worldbrief.cli.main", "search", "aktau"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("setting", "value", "named"),
    [
        ("WORLDBRIEF_SESSION_DAYS", "many", "WORLDBRIEF_SESSION_DAYS"),
        ("WORLDBRIEF_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none", "cannot open database"),
    ],
)
def test_a_bad_setting_is_one_line_on_stderr(
    tmp_path: Path, setting: str, value: str, named: str
) -> None:
    result = _run(tmp_path, **{setting: value})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert named in result.stderr
    assert result.stdout == ""
