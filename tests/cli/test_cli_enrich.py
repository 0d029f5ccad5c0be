"""`worldbrief enrich --stage NAME` as a user runs it after adding a stage: every stored article
is enriched again, the progress count adds up, and search sees the new output."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from worldbrief.cli.main import app

runner = CliRunner()
ROWS = [
    {"id": "a", "title": "Market day", "body": "Traders in Almaty said grain prices rose."},
    {"id": "b", "title": "Water talks", "body": "Officials met in Tashkent on river quotas."},
    {"id": "c", "title": "Rail links", "body": "A new line from Bishkek opened on Monday."},
]


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WORLDBRIEF_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def test_a_stage_added_later_runs_over_what_is_stored(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = tmp_path / "wire.jsonl"
    feed.write_text("".join(json.dumps(row) + "\n" for row in ROWS))
    monkeypatch.setenv("WORLDBRIEF_ENRICH_STAGES", "reading_time,language,fingerprint")
    assert runner.invoke(app, ["ingest", str(feed)]).exit_code == 0
    found = json.loads(runner.invoke(app, ["search", "", "--country", "KZ", "--json"]).stdout)
    assert found["total"] == 0  # no geotag stage yet

    monkeypatch.delenv("WORLDBRIEF_ENRICH_STAGES")
    result = runner.invoke(app, ["enrich", "--stage", "geotag", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "3 changed, 0 unchanged" in result.stdout
    assert "3/3" in set(re.findall(r"\b\d+/\d+\b", result.stderr))
    for country, article_id in (("KZ", "a"), ("UZ", "b"), ("KG", "c")):
        hits = json.loads(runner.invoke(app, ["search", "", "-c", country, "--json"]).stdout)
        assert [hit["title"] for hit in hits["hits"]] == [
            next(row["title"] for row in ROWS if row["id"] == article_id)
        ]


def test_an_unknown_stage_is_refused_naming_it(data_dir: Path) -> None:
    result = runner.invoke(app, ["enrich", "--stage", "sentiment"])
    assert result.exit_code == 2
    assert "cannot enrich" in result.stderr and "sentiment" in result.stderr
