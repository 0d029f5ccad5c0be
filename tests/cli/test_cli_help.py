"""`worldbrief --help` lists every command, and each one answers its own `--help`, though commands
are imported only when used."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from worldbrief.cli.main import app

runner = CliRunner(env={"COLUMNS": "120"})  # the same layout whatever terminal runs the tests

COMMANDS = [
    "serve", "ingest", "reindex", "enrich", "search", "annotate", "worker",
    "feeds", "events", "users", "plans", "tokens", "desk", "jobs", "watchlists", "alerts",
]  # fmt: skip


def listed_commands(help_text: str) -> list[str]:
    """The names in the help's Commands panel, in order (the first word of each row)."""
    panel = help_text.split("Commands", 1)[1]
    return [m.group(1) for m in re.finditer(r"^\W*([a-z][a-z-]*)\s{2,}", panel, re.MULTILINE)]


def test_help_lists_every_command_in_order() -> None:
    shown = runner.invoke(app, ["--help"])
    assert shown.exit_code == 0, shown.output
    assert listed_commands(shown.output) == COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_answers_its_help(command: str) -> None:
    shown = runner.invoke(app, [command, "--help"])
    assert shown.exit_code == 0, shown.output
    assert f"Usage: worldbrief {command}" in shown.output


def test_a_mistyped_command_is_refused_with_a_suggestion() -> None:
    refused = runner.invoke(app, ["anotate"])
    assert refused.exit_code == 2
    assert "No such command" in refused.output
    assert "annotate" in refused.output
