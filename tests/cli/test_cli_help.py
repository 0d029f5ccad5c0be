"""`worldbrief --help` lists every command with its summary, and each one answers its own `--help`
with the same summary, though commands are imported only when used."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from worldbrief.cli.main import app

runner = CliRunner(env={"COLUMNS": "200"})  # the same layout whatever terminal runs the tests

COMMANDS = [
    "serve", "ingest", "reindex", "enrich", "search", "annotate", "worker",
    "feeds", "events", "users", "plans", "tokens", "desk", "jobs", "watchlists", "alerts",
]  # fmt: skip


def listed_commands(help_text: str) -> dict[str, str]:
    """The rows of the help's Commands panel, in order: name -> summary."""
    panel = help_text.split("Commands", 1)[1]
    rows = re.finditer(r"^\W*([a-z][a-z-]*) {2,}(.*?)\s*│?$", panel, re.MULTILINE)
    return {m.group(1): m.group(2) for m in rows}


def test_help_lists_every_command_in_order() -> None:
    shown = runner.invoke(app, ["--help"])
    assert shown.exit_code == 0, shown.output
    assert list(listed_commands(shown.output)) == COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_answers_its_help_with_the_summary_listed(command: str) -> None:
    summary = listed_commands(runner.invoke(app, ["--help"]).output)[command]
    shown = runner.invoke(app, [command, "--help"])
    assert shown.exit_code == 0, shown.output
    assert f"Usage: worldbrief {command}" in shown.output
    assert summary and summary in shown.output


def test_a_mistyped_command_is_refused_with_a_suggestion() -> None:
    refused = runner.invoke(app, ["anotate"])
    assert refused.exit_code == 2
    assert "No such command" in refused.output
    assert "annotate" in refused.output
