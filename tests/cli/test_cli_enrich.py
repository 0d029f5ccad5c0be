"""`worldbrief enrich --stage NAME` as a user runs it after adding a stage: every stored article
is enriched again, the progress count adds up, and search sees the new output."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
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
MORE_ROWS = [
    {"id": "d", "title": "Power cuts", "body": "Residents of Dushanbe lost power for a day."},
    {"id": "e", "title": "Gas deal", "body": "Ministers signed a gas contract in Ashgabat."},
]
COUNTRIES = ("KZ", "UZ", "KG", "TJ", "TM")  # one an article


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


@pytest.fixture
def store_without_geotag(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Five articles stored, on each backend, before the geotag stage was configured."""
    monkeypatch.setenv("WORLDBRIEF_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("WORLDBRIEF_DATABASE_URL", store_url)
    feed = tmp_path / "wire.jsonl"
    feed.write_text("".join(json.dumps(row) + "\n" for row in ROWS + MORE_ROWS))
    monkeypatch.setenv("WORLDBRIEF_ENRICH_STAGES", "reading_time,language,fingerprint")
    assert runner.invoke(app, ["ingest", str(feed)]).exit_code == 0
    monkeypatch.delenv("WORLDBRIEF_ENRICH_STAGES")
    yield


def _geotagged() -> list[str]:
    """The stored ids of the articles whose country the index knows, i.e. those the geotag
    stage has run over, in id order (the order enrich takes them in)."""
    found = []
    for country in COUNTRIES:
        hits = json.loads(runner.invoke(app, ["search", "", "-c", country, "--json"]).stdout)
        found += [hit["id"] for hit in hits["hits"]]
    return sorted(found)


def _all_ids() -> list[str]:
    hits = json.loads(runner.invoke(app, ["search", "", "--json"]).stdout)["hits"]
    return sorted(hit["id"] for hit in hits)


def test_a_limited_run_enriches_that_many_and_the_next_run_continues(
    store_without_geotag: None,
) -> None:
    first = runner.invoke(app, ["enrich", "--stage", "geotag", "--workers", "1", "--limit", "3"])
    assert first.exit_code == 0, first.output
    assert "3 changed, 0 unchanged" in first.stdout
    assert "3/3" in set(re.findall(r"\b\d+/\d+\b", first.stderr))
    ids = _all_ids()
    assert len(ids) == 5 and _geotagged() == ids[:3]  # the first three, the rest untouched
    assert f"Stopped at the limit after article {ids[2]};" in first.stdout

    second = runner.invoke(app, ["enrich", "--stage", "geotag", "--workers", "1", "--limit", "3"])
    assert second.exit_code == 0, second.output
    assert f"Continued after article {ids[2]}." in second.stdout
    assert "2 changed, 0 unchanged" in second.stdout
    assert "Stopped" not in second.stdout  # nothing left: the checkpoint is gone
    assert _geotagged() == ids

    third = runner.invoke(app, ["enrich", "--stage", "geotag", "--workers", "1"])
    assert "Continued" not in third.stdout and "0 changed, 5 unchanged" in third.stdout


def test_a_limit_that_reaches_the_last_article_leaves_nothing_to_continue(
    store_without_geotag: None,
) -> None:
    first = runner.invoke(app, ["enrich", "--stage", "geotag", "--workers", "1", "--limit", "5"])
    assert "5 changed" in first.stdout and "Stopped" not in first.stdout
    again = runner.invoke(app, ["enrich", "--stage", "geotag", "--workers", "1", "--limit", "9"])
    assert "Continued" not in again.stdout and "0 changed, 5 unchanged" in again.stdout


@pytest.mark.parametrize("value", ["0", "-2", "three", "1.5"])
def test_a_limit_that_is_not_a_positive_whole_number_is_refused(data_dir: Path, value: str) -> None:
    result = runner.invoke(app, ["enrich", "--limit", value])
    assert result.exit_code == 2
    assert "--limit" in result.stderr and "Enriching" not in result.stderr
