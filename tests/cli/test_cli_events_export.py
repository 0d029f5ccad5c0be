"""`worldbrief events export` on SQLite and PostgreSQL: each format read back, the filters of
the API, and members-only notes only with `--full`."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from worldbrief.cli.main import app
from worldbrief.config import Settings
from worldbrief.domain import AccessLevel, BodyFormat, RawDocument
from worldbrief.services.ingest import ingest_records
from worldbrief.services.platform import open_platform

runner = CliRunner()
SECRET = "Zorvath"  # past the members-only article's teaser
CLASHES = [
    RawDocument(
        location="cli:locked",
        external_id="cli-locked",
        title="Night of gunfire in Rangpur",
        teaser="A security report from northern Bangladesh.",
        body=(
            "A security report from northern Bangladesh.\n\n"
            f"Police and gunmen clashed in Rangpur on Sunday beside the {SECRET} jute mill, "
            "killing three people.\n\nThe mill stayed shut on Monday."
        ),
        body_format=BodyFormat.TEXT,
        published_at=datetime(2024, 8, 5, 8, tzinfo=UTC),
        access=AccessLevel.MEMBERS,
    ),
]


@pytest.fixture
def data_dir(store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("WORLDBRIEF_DATA_DIR", str(data))
    monkeypatch.setenv("WORLDBRIEF_DATABASE_URL", store_url)
    platform = open_platform(Settings(data_dir=data, database_url=store_url))
    try:
        report = ingest_records(platform, CLASHES)
        assert report.created == 1 and not report.rejected
    finally:
        platform.close()
    return data


def test_each_format_reads_back_and_notes_stay_behind_the_paywall(
    data_dir: Path, tmp_path: Path
) -> None:
    public = runner.invoke(app, ["events", "export", "--format", "csv", "--country", "bd"])
    assert public.exit_code == 0, public.output
    [row] = list(csv.DictReader(io.StringIO(public.stdout)))
    assert (row["event_type"], row["sub_event_type"], row["country"]) == (
        "Battles", "Armed clash", "Bangladesh",
    )  # fmt: skip
    assert row["notes"] == "" and SECRET not in public.stdout
    target = tmp_path / "events.geojson"
    full = runner.invoke(
        app, ["events", "export", "-f", "geojson", "--full", "--output", str(target)]
    )
    assert full.exit_code == 0, full.output
    [feature] = json.loads(target.read_text("utf-8"))["features"]
    assert SECRET in feature["properties"]["notes"]
    lines = runner.invoke(app, ["events", "export", "-f", "jsonl", "--type", "Battles"])
    [record] = [json.loads(line) for line in lines.stdout.splitlines()]
    assert record["event"] == "FIGHT" and record["text"] == ""
    none = runner.invoke(app, ["events", "export", "-f", "jsonl", "--country", "kz"])
    assert none.exit_code == 0 and none.stdout == ""


def test_bad_filters_are_one_line_of_error(data_dir: Path) -> None:
    bad = runner.invoke(app, ["events", "export", "--bbox", "1,2"])
    assert bad.exit_code == 2 and "bbox" in bad.output
    day = runner.invoke(app, ["events", "export", "--from", "March"])
    assert day.exit_code == 2 and "--from" in day.output
