"""`worldbrief watchlists add|list|remove` and `worldbrief alerts run` as a user runs them:
clear errors naming the bad value, exit codes as the membership commands (1 refused by the
store, 2 bad input)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from worldbrief.cli.main import app

runner = CliRunner()
EMAIL = "ana@example.org"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WORLDBRIEF_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("WORLDBRIEF_FETCH_ALLOW_PRIVATE", raising=False)
    added = runner.invoke(
        app, ["users", "add", EMAIL, "--password-stdin"], input="horse-battery-1\n"
    )
    assert added.exit_code == 0, added.output
    return tmp_path / "data"


def test_follow_ingest_and_run_an_alert_pass(data_dir: Path, tmp_path: Path) -> None:
    made = runner.invoke(
        app,
        ["watchlists", "add", EMAIL, "Caspian oil", "--country", "kz", "--query", "oil",
         "--email", "immediate"],
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    assert 'Watchlist 1 Caspian oil created: country KZ, search "oil"' in made.output
    events = runner.invoke(
        app, ["watchlists", "add", EMAIL, "Protests", "--event-type", "Protests"]
    )
    assert events.exit_code == 0, events.output

    listed = runner.invoke(app, ["watchlists", "list", EMAIL])
    assert listed.exit_code == 0
    assert "Caspian oil" in listed.output and "immediate" in listed.output
    assert "events Protests" in listed.output

    wire = tmp_path / "wire.jsonl"
    today = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    rows = [
        {"id": "1", "title": "Caspian output", "published_at": today,
         "body": "Kazakhstan raised oil output near Aktau, the energy ministry said."},
        {"id": "2", "title": "Harvest", "published_at": today,
         "body": "Kazakhstan's wheat harvest in Kostanay was larger than last year."},
    ]  # fmt: skip
    wire.write_text("\n".join(json.dumps(r) for r in rows))
    assert runner.invoke(app, ["ingest", str(wire)]).exit_code == 0

    ran = runner.invoke(app, ["alerts", "run"])
    assert ran.exit_code == 0, ran.output
    assert "2 new articles" in ran.output and "1 alert recorded" in ran.output
    again = runner.invoke(app, ["alerts", "run"])
    assert "0 alerts recorded" in again.output

    issued = runner.invoke(app, ["watchlists", "feed", "1"])
    assert issued.exit_code == 0, issued.output
    assert "/feeds/watchlists/" in issued.stdout and "Keep this URL private" in issued.output
    assert runner.invoke(app, ["watchlists", "feed", "1", "--revoke"]).exit_code == 0
    assert runner.invoke(app, ["watchlists", "feed", "9"]).exit_code == 1

    assert runner.invoke(app, ["watchlists", "remove", "1"]).exit_code == 0
    gone = runner.invoke(app, ["watchlists", "remove", "1"])
    assert gone.exit_code == 1 and "no watchlist 1" in gone.output


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (["--country", "QQ"], 2, "unknown country"),
        (["--region", "atlantis"], 2, "unknown region"),
        (["--actor", "nobody-at-all"], 2, "unknown actor"),
        (["--event-type", "parade"], 2, "unknown event type"),
        (["--country", "KZ", "--webhook", "javascript:alert(1)"], 2, "only http and https"),
        (["--country", "KZ", "--webhook", "http://127.0.0.1:9/hook"], 2, "loopback"),
        (["--country", "KZ", "--email", "hourly"], 2, "email mode must be one of"),
        (["--query", 'gas "prices'], 2, "cannot run"),
        ([], 2, "needs something to follow"),
    ],
)
def test_bad_input_is_named_and_nothing_is_stored(
    data_dir: Path, arguments: list[str], code: int, message: str
) -> None:
    result = runner.invoke(app, ["watchlists", "add", EMAIL, "bad", *arguments])
    assert result.exit_code == code
    assert message in result.output
    assert "No watchlists" in runner.invoke(app, ["watchlists", "list"]).output


def test_an_unknown_owner_is_refused(data_dir: Path) -> None:
    result = runner.invoke(app, ["watchlists", "add", "nobody@example.org", "x", "--country", "KZ"])
    assert result.exit_code == 1
    assert "no account has that email address" in result.output
    listed = runner.invoke(app, ["watchlists", "list", "nobody@example.org"])
    assert listed.exit_code == 1
